import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CaseStatusBadge } from "~/components/logbook/case-status";
import { Button } from "~/components/ui/button";
import { CheckboxField, Field, FormError, SelectField, TextareaField } from "~/components/ui/field";
import { NOTES_MAX, type CaseStatus } from "~/modules/certification/case-fields";
import {
  HEALED_COLOUR_TEXT,
  HEALED_COLOURS,
  HEALED_NEXT_STEP_TEXT,
  HEALED_NEXT_STEPS,
  HEALED_RETENTION_TEXT,
  HEALED_RETENTIONS,
  HEALED_SPREAD_TEXT,
  HEALED_SPREADS,
  type HealedColour,
  type HealedNextStep,
  type HealedRetention,
  type HealedSpread,
} from "~/modules/certification/healed-review-fields";
import { healedReviewSchema, type HealedReviewInput } from "~/modules/certification/healed-review-schema";

/** A healed-result review as its case's page shows it. */
export type HealedReviewView = {
  reviewedOn: string;
  healedColour: HealedColour;
  retention: HealedRetention;
  spread: HealedSpread;
  reaction: boolean;
  nextStep: HealedNextStep;
  notes: string;
  status: CaseStatus;
  returnComment: string | null;
  reviewerName: string | null;
  decidedOn: string | null;
};

const options = <K extends string>(keys: readonly K[], text: Record<K, string>) => keys.map((k) => ({ value: k, label: text[k] }));

/** What the learner recorded of the healed result, in words. */
export function HealedReviewFacts({ review }: { review: HealedReviewView }) {
  const facts: [string, string][] = [
    ["Seen on", review.reviewedOn],
    ["Healed colour", HEALED_COLOUR_TEXT[review.healedColour]],
    ["Dots held", HEALED_RETENTION_TEXT[review.retention]],
    ["Blurred or spread dots", HEALED_SPREAD_TEXT[review.spread]],
    ["Reaction or infection", review.reaction ? "Signs reported or seen" : "None"],
    ["Next step", HEALED_NEXT_STEP_TEXT[review.nextStep]],
  ];
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2">
        <CaseStatusBadge status={review.status} />
        {review.status === "countersigned" && review.decidedOn ? (
          <span className="text-sm text-stone-700">
            Countersigned{review.reviewerName ? ` by ${review.reviewerName}` : ""} on {review.decidedOn}
          </span>
        ) : null}
      </p>
      {review.status === "returned" && review.returnComment ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <p className="font-medium">
            Returned{review.reviewerName ? ` by ${review.reviewerName}` : ""}
            {review.decidedOn ? ` on ${review.decidedOn}` : ""}:
          </p>
          <p className="mt-1 whitespace-pre-line">{review.returnComment}</p>
        </div>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-sm text-stone-600">{term}</dt>
            <dd className="font-medium text-stone-900">{value}</dd>
          </div>
        ))}
      </dl>
      {review.notes ? (
        <div>
          <h4 className="text-sm text-stone-600">Notes</h4>
          <p className="mt-1 whitespace-pre-line text-stone-900">{review.notes}</p>
        </div>
      ) : null}
    </div>
  );
}

type FormProps = {
  performedOn: string;
  window: { from: string; to: string };
  latestDay: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, string>;
  submitLabel: string;
  busy: boolean;
  /** The photo forms (they cannot sit inside this one), shown before the fields. */
  photos: ReactNode;
};

/**
 * The healed-result review's fields, checked in the browser by the schema the server uses, with
 * each error next to its field.
 */
export function HealedReviewForm({ performedOn, window, latestDay, lastResult, defaultValue, submitLabel, busy, photos }: FormProps) {
  const [form, fields] = useForm<HealedReviewInput>({
    id: "healed-review",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(healedReviewSchema(performedOn)),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: healedReviewSchema(performedOn) }),
  });
  return (
    <div className="space-y-6">
      {photos}
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormError id={form.errorId} errors={form.errors} />
        <Field
          label="Day you saw the healed result"
          meta={fields.reviewedOn}
          description={`4 to 6 weeks after the session: from ${window.from} to ${window.to}.`}
          inputProps={{
            ...getInputProps(fields.reviewedOn, { type: "date" }),
            pattern: undefined,
            min: window.from,
            max: window.to < latestDay ? window.to : latestDay,
          }}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField label="Healed colour" meta={fields.healedColour} placeholder="Choose…" options={options(HEALED_COLOURS, HEALED_COLOUR_TEXT)} />
          <SelectField label="How the dots held" meta={fields.retention} placeholder="Choose…" options={options(HEALED_RETENTIONS, HEALED_RETENTION_TEXT)} />
          <SelectField label="Blurred or spread dots" meta={fields.spread} placeholder="Choose…" options={options(HEALED_SPREADS, HEALED_SPREAD_TEXT)} />
          <SelectField
            label="Next step for the client"
            meta={fields.nextStep}
            placeholder="Choose…"
            options={options(HEALED_NEXT_STEPS, HEALED_NEXT_STEP_TEXT)}
          />
        </div>
        <CheckboxField
          meta={fields.reaction}
          label="The client reported, or you saw, redness, swelling, raised or itchy dots, pain or discharge at the treated area since the session"
          description="If so, refer them to a doctor before any further work: the next step must say so."
        />
        <TextareaField
          label="Notes (optional)"
          meta={fields.notes}
          description="What healed as planned, what did not and why you think so, what you will change. Never the client's name, phone number or email."
          textareaProps={{ maxLength: NOTES_MAX }}
        />
        <div className="space-y-4 border-t border-stone-200 pt-4">
          <CheckboxField
            meta={fields.consent}
            label="The client agreed to the healed result being logged and photographed for my training and certification. I have not recorded their name or contact details."
          />
          <input type="hidden" name="intent" value="healed" />
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            {busy ? "Saving…" : submitLabel}
          </Button>
        </div>
      </Form>
    </div>
  );
}
