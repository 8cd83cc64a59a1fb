/** The archive's README.txt: what each file holds, for the person `name`, as of `at` (ISO 8601). */
export const exportReadme = (name: string, at: string) =>
  [
    `Everything Stipple holds about ${name}, as of ${at}.`,
    "",
    "profile.json             your account, clinics and cohorts",
    "enrolments.json          the courses you enrolled in",
    "reading-progress.json    the modules you opened and completed",
    "quiz-attempts.json       every quiz and exam attempt: your answers, and for submitted attempts what their review shows",
    "submissions.json         your practical submissions, with the instructor's feedback, rubric scores and annotations",
    "submissions/             their photos (the stored copies: re-encoded, without camera metadata)",
    "logbook.json             your supervised cases",
    "logbook/                 their photos",
    "certificates.json        your certificates",
    "notifications.json       the notices Stipple sent you",
    "uploads-not-submitted.json and uploads-not-submitted/   photos you uploaded but have not submitted yet",
    "",
    "Dates are UTC (ISO 8601). Photos are referred to by their path in this archive.",
    "",
  ].join("\n");
