import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import {
  AREA_TEXT,
  CASE_AREAS,
  DURATION_MINUTES,
  FITZPATRICK,
  HAIR_LOSS_SCALES,
  HAIR_LOSS_STAGES,
  MAX_SESSION_NUMBER,
  NOTES_MAX,
  ordinal,
  SCALE_TEXT,
  SHORT_TEXT_MAX,
  type CaseFormDefaults,
} from "~/modules/certification/case-fields";
import { caseFieldsSchema, NEW_SUPERVISOR } from "~/modules/certification/case-schema";

const SCALE_HINT = { norwood: "male pattern", ludwig: "female pattern" } as const;
const control = (error?: string) =>
  `block min-h-11 w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${error ? "border-rose-600" : "border-stone-300"}`;

/** What the form starts with: a stored case's values (`caseFormDefaults`), or nothing for a new case. */
export type CaseFormValues = Partial<CaseFormDefaults> & { consent?: string; supervisorName?: string; supervisorEmail?: string };

type Props = {
  id: string;
  action: string;
  intent: "log" | "resubmit";
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: CaseFormValues;
  supervisors: { id: string; name: string }[];
  /**
   * For a learner without a clinic: the supervisors they named before, by email (038). The form
   * then asks who supervised the session — one of them or someone new — instead of an instructor.
   */
  namedSupervisors?: { id: string; name: string; email: string; status: string }[] | null;
  /** The latest day a session may be on (YYYY-MM-DD), for the date picker. */
  latestDay: string;
  submitLabel: string;
  busy: boolean;
  /** The photos (their own forms: they cannot sit inside this one), shown between the notes and the consent. */
  photos: ReactNode;
};

function ErrorText({ meta }: { meta: FieldMetadata<unknown> }) {
  return meta.errors?.length ? (
    <p id={meta.errorId} className="text-sm font-medium text-rose-700">
      {meta.errors[0]}
    </p>
  ) : null;
}

/**
 * The fields of a supervised case, checked in the browser by the same schema the server uses,
 * with every error next to its field. Selects and radio groups rather than free text wherever
 * the answer is one of a few, so a phone shows its own picker.
 */
export function CaseForm({ id, action, intent, lastResult, defaultValue, supervisors, namedSupervisors, latestDay, submitLabel, busy, photos }: Props) {
  const options = { namedByEmail: !!namedSupervisors };
  const schema = caseFieldsSchema(undefined, options);
  const [form, fields] = useForm({
    id,
    lastResult,
    // Someone new is the only choice until the learner has named a supervisor.
    defaultValue:
      namedSupervisors && !namedSupervisors.length && !defaultValue?.supervisorLinkId ? { ...defaultValue, supervisorLinkId: NEW_SUPERVISOR } : defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseFieldsSchema(undefined, options) }),
  });
  const scale = fields.hairLossScale.value as keyof typeof HAIR_LOSS_STAGES | undefined;
  const stageScales = scale && scale in HAIR_LOSS_STAGES ? [scale] : HAIR_LOSS_SCALES;
  const { key: _stageKey, ...stageProps } = getSelectProps(fields.hairLossStage);
  const { key: _consentKey, ...consentProps } = getInputProps(fields.consent, { type: "checkbox" });
  const describedBy = (meta: FieldMetadata<unknown>, help?: boolean) =>
    [help ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="space-y-6">
      <Form method="post" action={action} {...getFormProps(form)} className="space-y-6">
        <FormError id={form.errorId} errors={form.errors} />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Date of the session"
            meta={fields.performedOn}
            inputProps={{ ...getInputProps(fields.performedOn, { type: "date" }), pattern: undefined, max: latestDay }}
          />
          <div className="space-y-1">
            <label htmlFor={fields.sessionNumber.id} className="block text-sm font-medium text-stone-800">
              Session with this client
            </label>
            {(() => {
              const { key: _k, ...p } = getSelectProps(fields.sessionNumber);
              return (
                <select {...p} aria-describedby={describedBy(fields.sessionNumber)} className={control(fields.sessionNumber.errors?.[0])}>
                  <option value="">Choose…</option>
                  {Array.from({ length: MAX_SESSION_NUMBER }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {ordinal(n)} session
                    </option>
                  ))}
                </select>
              );
            })()}
            <ErrorText meta={fields.sessionNumber} />
          </div>
        </div>

        <fieldset className="space-y-2" aria-describedby={describedBy(fields.area)}>
          <legend className="text-sm font-medium text-stone-800">Area treated</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {getCollectionProps(fields.area, { type: "radio", options: [...CASE_AREAS] }).map(({ key, ...p }) => (
              <label
                key={key}
                className="flex min-h-11 items-center gap-2 rounded-md border border-stone-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input {...p} className="h-4 w-4 accent-brand-700" />
                <span>{AREA_TEXT[p.value as keyof typeof AREA_TEXT]}</span>
              </label>
            ))}
          </div>
          <ErrorText meta={fields.area} />
        </fieldset>

        <div className="grid gap-5 sm:grid-cols-2">
          <fieldset className="space-y-2" aria-describedby={describedBy(fields.hairLossScale)}>
            <legend className="text-sm font-medium text-stone-800">Hair-loss scale</legend>
            <div className="grid grid-cols-2 gap-2">
              {getCollectionProps(fields.hairLossScale, { type: "radio", options: [...HAIR_LOSS_SCALES] }).map(({ key, ...p }) => (
                <label
                  key={key}
                  className="flex min-h-11 items-center gap-2 rounded-md border border-stone-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                >
                  <input {...p} className="h-4 w-4 accent-brand-700" />
                  <span>
                    {SCALE_TEXT[p.value as keyof typeof SCALE_TEXT]}{" "}
                    <span className="text-sm text-stone-600">({SCALE_HINT[p.value as keyof typeof SCALE_HINT]})</span>
                  </span>
                </label>
              ))}
            </div>
            <ErrorText meta={fields.hairLossScale} />
          </fieldset>
          <div className="space-y-1">
            <label htmlFor={fields.hairLossStage.id} className="block text-sm font-medium text-stone-800">
              Stage
            </label>
            {/* Remounted when the scale changes, so a stage of the other scale is never kept. */}
            <select
              key={scale ?? "any"}
              {...stageProps}
              aria-describedby={describedBy(fields.hairLossStage)}
              className={control(fields.hairLossStage.errors?.[0])}
            >
              <option value="">Choose a stage…</option>
              {stageScales.map((s) => (
                <optgroup key={s} label={SCALE_TEXT[s]}>
                  {HAIR_LOSS_STAGES[s].map((stage) => (
                    <option key={stage} value={stage}>
                      {SCALE_TEXT[s]} {stage}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <ErrorText meta={fields.hairLossStage} />
          </div>
        </div>

        <div className="space-y-1">
          <label htmlFor={fields.fitzpatrick.id} className="block text-sm font-medium text-stone-800">
            Fitzpatrick skin type
          </label>
          {(() => {
            const { key: _k, ...p } = getSelectProps(fields.fitzpatrick);
            return (
              <select {...p} aria-describedby={describedBy(fields.fitzpatrick)} className={control(fields.fitzpatrick.errors?.[0])}>
                <option value="">Choose…</option>
                {FITZPATRICK.map((f) => (
                  <option key={f.value} value={f.value}>
                    Type {f.roman} — {f.hint}
                  </option>
                ))}
              </select>
            );
          })()}
          <ErrorText meta={fields.fitzpatrick} />
        </div>

        <div className="grid gap-5 sm:grid-cols-3">
          <Field
            label="Needle"
            meta={fields.needle}
            inputProps={{ ...getInputProps(fields.needle, { type: "text" }), maxLength: SHORT_TEXT_MAX, placeholder: "e.g. 1203RL" }}
          />
          <Field label="Pigment" meta={fields.pigment} inputProps={{ ...getInputProps(fields.pigment, { type: "text" }), maxLength: SHORT_TEXT_MAX }} />
          <Field
            label="Dilution"
            meta={fields.dilution}
            inputProps={{ ...getInputProps(fields.dilution, { type: "text" }), maxLength: SHORT_TEXT_MAX, placeholder: "As you mixed it for this client" }}
          />
        </div>

        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label="Duration (minutes)"
            meta={fields.durationMinutes}
            description={`From ${DURATION_MINUTES.min} to ${DURATION_MINUTES.max}.`}
            inputProps={{ ...getInputProps(fields.durationMinutes, { type: "number" }), inputMode: "numeric", step: 1 }}
          />
          {namedSupervisors ? null : supervisors.length || fields.supervisorId.errors?.length ? (
            <div className="space-y-1">
              <label htmlFor={fields.supervisorId.id} className="block text-sm font-medium text-stone-800">
                Supervising instructor <span className="font-normal text-stone-600">(optional)</span>
              </label>
              <p id={fields.supervisorId.descriptionId} className="text-sm text-stone-600">
                Leave it open and any of your instructors can countersign.
              </p>
              {(() => {
                const { key: _k, ...p } = getSelectProps(fields.supervisorId);
                return (
                  <select {...p} aria-describedby={describedBy(fields.supervisorId, true)} className={control(fields.supervisorId.errors?.[0])}>
                    <option value="">Any of my instructors</option>
                    {supervisors.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                );
              })()}
              <ErrorText meta={fields.supervisorId} />
            </div>
          ) : null}
        </div>

        {namedSupervisors ? (
          <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
            <legend className="px-1 text-sm font-medium text-stone-800">Your supervisor</legend>
            <div className="space-y-1">
              <label htmlFor={fields.supervisorLinkId.id} className="block text-sm font-medium text-stone-800">
                Who supervised this session?
              </label>
              <p id={fields.supervisorLinkId.descriptionId} className="text-sm text-stone-600">
                The practitioner who saw the client. Someone new gets an email inviting them to countersign the cases you log naming them, and nothing else;
                only they can countersign this case.
              </p>
              {(() => {
                const { key: _k, ...p } = getSelectProps(fields.supervisorLinkId);
                return (
                  <select {...p} aria-describedby={describedBy(fields.supervisorLinkId, true)} className={control(fields.supervisorLinkId.errors?.[0])}>
                    <option value="">Choose…</option>
                    {namedSupervisors.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} ({s.email}){s.status === "active" ? "" : s.status === "invited" ? ", invited" : ", invitation expired: it is sent again"}
                      </option>
                    ))}
                    <option value={NEW_SUPERVISOR}>Someone new…</option>
                  </select>
                );
              })()}
              <ErrorText meta={fields.supervisorLinkId} />
            </div>
            {fields.supervisorLinkId.value === NEW_SUPERVISOR ? (
              <div className="grid gap-5 sm:grid-cols-2">
                <Field
                  label="Supervisor's name"
                  meta={fields.supervisorName}
                  inputProps={{ ...getInputProps(fields.supervisorName, { type: "text" }), maxLength: SHORT_TEXT_MAX, autoComplete: "off" }}
                />
                <Field
                  label="Supervisor's email"
                  meta={fields.supervisorEmail}
                  inputProps={{ ...getInputProps(fields.supervisorEmail, { type: "email" }), maxLength: 254, autoComplete: "off" }}
                />
              </div>
            ) : null}
          </fieldset>
        ) : null}

        <div className="space-y-1">
          <label htmlFor={fields.notes.id} className="block text-sm font-medium text-stone-800">
            Notes <span className="font-normal text-stone-600">(optional)</span>
          </label>
          <p id={fields.notes.descriptionId} className="text-sm text-stone-600">
            Technique, how the skin took the pigment, what you would change. Never the client's name, phone number or email.
          </p>
          {(() => {
            const { key: _k, ...p } = getTextareaProps(fields.notes);
            return (
              <textarea
                {...p}
                rows={5}
                maxLength={NOTES_MAX}
                aria-describedby={describedBy(fields.notes, true)}
                className={control(fields.notes.errors?.[0])}
              />
            );
          })()}
          <ErrorText meta={fields.notes} />
        </div>
        <input type="hidden" name="intent" value={intent} />
      </Form>

      {photos}

      <div className="space-y-4 border-t border-stone-200 pt-4">
        <div className="space-y-1">
          <label className="flex items-start gap-3">
            <input {...consentProps} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
            <span>
              The client agreed to this session being logged, and to any photos of their scalp, for my training and certification. I have not recorded their
              name or contact details.
            </span>
          </label>
          <ErrorText meta={fields.consent} />
        </div>
        <Button type="submit" form={form.id} disabled={busy} className="w-full sm:w-auto">
          {busy ? "Saving…" : submitLabel}
        </Button>
      </div>
    </div>
  );
}
