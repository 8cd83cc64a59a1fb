import { z } from "zod";
import { METRICS } from "~/modules/analysis/metrics";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, hyphens)");
const text = z.string().trim().min(1, "must not be empty");

export const SOURCE_KINDS = ["peer-reviewed", "textbook", "regulation", "industry"] as const;

export const SourceSchema = z.object({
  key: slug,
  citation: text,
  url: z.url().optional(),
  kind: z.enum(SOURCE_KINDS),
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * When a learner's review shows which answer was correct (instructors always see it): `always`;
 * `after-pass` (module quizzes' default); `after-last-attempt` (no attempt left); `never` (the
 * exam's and the refresher's default, since their pool is reused).
 */
export const CORRECT_ANSWER_POLICIES = ["always", "after-pass", "after-last-attempt", "never"] as const;
export type CorrectAnswerPolicy = (typeof CORRECT_ANSWER_POLICIES)[number];
const ReviewSettingsSchema = z.object({ correctAnswers: z.enum(CORRECT_ANSWER_POLICIES) });

export const ModuleFrontmatterSchema = z.object({
  title: text,
  summary: text,
  minutes: z.number().int().positive().max(240),
  objectives: z.array(text).min(1, "list at least one objective"),
  sources: z
    .array(SourceSchema)
    .min(1, "every module cites at least one source")
    .refine((s) => new Set(s.map((x) => x.key)).size === s.length, "source keys must be unique"),
  /** An outline is listed but cannot be marked complete until it is written. */
  status: z.enum(["outline", "published"]).default("published"),
});
export type ModuleFrontmatter = z.infer<typeof ModuleFrontmatterSchema>;

export const CertificationSchema = z.object({
  /** What a holder met, in words: the criteria narrative of the Open Badges achievement (Markdown). */
  criteria: text.optional(),
  practicals: z.array(slug).default([]),
  supervisedCases: z.number().int().min(0).default(0),
  /** Of those cases, how many need a countersigned healed-result review (4 to 6 weeks after the session). */
  healedReviews: z.number().int().min(0).default(0),
  validityMonths: z.number().int().positive().default(24),
  finalExam: z.boolean().default(true),
  renewal: z
    .object({
      /** How long before expiry renewal opens (and the first reminder goes out). */
      windowDays: z.number().int().positive().default(90),
      /** A short quiz over every module bank, passed since the certificate was issued; omit for none. */
      refresherQuiz: z
        .object({
          perModule: z.number().int().positive(),
          passMark: z.number().gt(0).max(1),
          attempts: z.number().int().positive(),
          cooldownMinutes: z.number().int().min(0),
          timeLimitMinutes: z.number().positive(),
          review: ReviewSettingsSchema.optional(),
        })
        .optional(),
      /** Countersigned supervised cases performed since the certificate was issued. */
      casesSinceIssue: z.number().int().min(0).default(0),
    })
    .optional(),
}).refine((c) => c.healedReviews <= c.supervisedCases, {
  path: ["healedReviews"],
  error: "healedReviews follow supervised cases: ask for no more than supervisedCases",
});

export type Certification = z.infer<typeof CertificationSchema>;

export const CourseSchema = z.object({
  title: text,
  summary: text,
  /** Who the course is for and what it does and does not qualify someone for. */
  about: z
    .object({
      audience: z.array(text).min(1),
      qualifiesFor: z.array(text).min(1),
      doesNotQualifyFor: z.array(text).min(1),
      licensing: text,
      /** Guided learning hours by kind of work (theory, practicals, supervised cases), and how they compare. */
      guidedHours: z
        .object({
          parts: z.array(z.object({ label: text, hours: z.number().positive(), what: text })).min(1),
          note: text,
        })
        .optional(),
    })
    .optional(),
  /** Module slugs in reading order; each matches a folder `<nn>-<slug>`. */
  modules: z.array(slug).min(1),
  certification: CertificationSchema.optional(),
});
export type CourseFile = z.infer<typeof CourseSchema>;

export const QuizSettingsSchema = z.object({
  draw: z.number().int().positive(),
  passMark: z.number().gt(0).max(1),
  attempts: z.number().int().positive(),
  cooldownMinutes: z.number().int().min(0),
  timeLimitMinutes: z.number().positive(),
  review: ReviewSettingsSchema.optional(),
});

const option = z.object({ id: slug, text, correct: z.boolean().optional() });
const image = z.object({ src: z.string().regex(/^[\w.-]+\.(svg|png|jpe?g|webp)$/i, "a file name in the module folder"), alt: text });
/**
 * What an item tests: a decision about a client, a photo or a set-up (`scenario`); a fact a
 * practitioner uses (`recall`); what a source found or whether sources agree (`evidence`).
 */
export const QUESTION_KINDS = ["scenario", "recall", "evidence"] as const;
const base = {
  id: slug,
  kind: z.enum(QUESTION_KINDS),
  prompt: text,
  explanation: text,
  source: slug,
  image: image.optional(),
};

export const QuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), options: z.array(option).min(2) }),
  z.object({
    ...base,
    type: z.literal("multiple"),
    scoring: z.enum(["all-or-nothing", "partial"]).default("all-or-nothing"),
    options: z.array(option).min(3),
  }),
  z.object({ ...base, type: z.literal("true-false"), answer: z.boolean() }),
  z.object({
    ...base,
    type: z.literal("numeric"),
    answer: z.object({ value: z.number(), tolerance: z.number().min(0), unit: text }),
  }),
  z.object({
    ...base,
    type: z.literal("ordering"),
    scoring: z.enum(["exact", "adjacent-pairs"]).default("exact"),
    /** Listed in the correct order; each attempt shuffles them. */
    options: z.array(option.omit({ correct: true })).min(3),
  }),
  z.object({ ...base, type: z.literal("image"), image, options: z.array(option).min(2) }),
]);
export type Question = z.infer<typeof QuestionSchema>;

export const QuizBankSchema = z.object({
  settings: QuizSettingsSchema,
  questions: z.array(QuestionSchema).min(1),
});
export type QuizBank = z.infer<typeof QuizBankSchema>;

/** An item of the final exam's own pool: a question like a bank's, naming the module it assesses. */
export const ExamQuestionSchema = QuestionSchema.and(z.object({ module: slug }));
export type ExamQuestion = z.infer<typeof ExamQuestionSchema>;

export const ExamSchema = z.object({
  settings: QuizSettingsSchema.omit({ draw: true }),
  /** How many questions each module contributes to an attempt, drawn from its items in `questions`. */
  perModule: z.number().int().positive(),
  /** Module slugs the exam covers; omitted means every module with a quiz. */
  modules: z.array(slug).optional(),
  /**
   * The exam's own pool, each item naming its module. The exam and the renewal refresher draw
   * only from it, never from the module banks a learner practised on and saw reviewed.
   */
  questions: z.array(ExamQuestionSchema).min(1, "the exam needs its own questions: it never draws from module banks"),
});
export type ExamFile = z.infer<typeof ExamSchema>;

export const PracticalFrontmatterSchema = z.object({
  title: text,
  summary: text,
  photos: z.object({ min: z.number().int().min(1), max: z.number().int().min(1).max(12), guidance: text }),
  passMark: z.number().gt(0).max(1).default(0.7),
  rubric: z.object({
    criteria: z
      .array(
        z.object({
          id: slug,
          title: text,
          /** A must-pass criterion: at its lowest level the piece cannot pass, whatever the total. */
          critical: z.boolean().default(false),
          /** The dot analysis figure shown beside this criterion on the grading page. */
          metric: z.enum(METRICS).optional(),
          levels: z
            .array(
              z.object({
                label: text,
                points: z.number().min(0),
                descriptor: text,
                /** An illustration of work at this level (a file in the practical's folder), for learners and assessors alike. */
                example: image.optional(),
              }),
            )
            .min(2),
        }),
      )
      .min(1),
  }),
});
export type PracticalFrontmatter = z.infer<typeof PracticalFrontmatterSchema>;

/** One line of a printable client form. */
export const PaperworkItemSchema = z.discriminatedUnion("kind", [
  /** A paragraph the client or practitioner reads. */
  z.object({ kind: z.literal("text"), text }),
  /** A label with blank lines to write on. */
  z.object({ kind: z.literal("field"), label: text, lines: z.number().int().min(1).max(8).default(1) }),
  /** A question answered by ticking Yes or No, with room for details when `details` is set. */
  z.object({ kind: z.literal("yesno"), label: text, details: z.boolean().default(false) }),
  /** A statement ticked to confirm it. */
  z.object({ kind: z.literal("check"), label: text }),
  /** A signature line with the printed name and the date. */
  z.object({ kind: z.literal("signature"), label: text }),
]);
export type PaperworkItem = z.infer<typeof PaperworkItemSchema>;

/** A printable client form (`paperwork/<slug>.yml`): consultation, consent, patch test, aftercare. */
export const PaperworkSchema = z.object({
  title: text,
  /** What the form is for and when it is used, shown above it on the page. */
  summary: text,
  /** Module slugs whose pages link to this form. */
  modules: z.array(slug).min(1),
  sections: z.array(z.object({ heading: text, items: z.array(PaperworkItemSchema).min(1) })).min(1),
  /** Where the form's requirements come from: the modules' sources, cited by module and key. */
  basis: z.array(z.object({ module: slug, source: slug })).min(1),
});
export type Paperwork = z.infer<typeof PaperworkSchema>;

export const GlossarySchema = z.object({
  terms: z
    .array(
      z.object({
        id: slug,
        term: text,
        definition: text,
        source: SourceSchema.omit({ key: true }),
        /** Module slugs where the term is taught. */
        modules: z.array(slug).default([]),
      }),
    )
    .min(1)
    .refine((t) => new Set(t.map((x) => x.id)).size === t.length, "term ids must be unique"),
});
export type Glossary = z.infer<typeof GlossarySchema>;
