import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RubricTable } from "~/components/practicals/rubric-table";
import { SubmissionVersion, type VersionView } from "~/components/practicals/submission-version";
import { getCatalogue } from "~/modules/content/catalogue.server";

const rubric = getCatalogue().courses.flatMap((c) => c.practicals)[0]!.rubric;
const regionNames = (html: string) => [...html.matchAll(/role="region" aria-label="([^"]*)"/g)].map((m) => m[1]);

function graded(version: number): VersionView {
  return {
    id: `v${version}`,
    version,
    status: "revise",
    note: "",
    createdAt: Date.UTC(2026, 4, version),
    verdict: "revise",
    feedback: "Closer spacing at the temples.",
    points: 10,
    maxPoints: 20,
    photos: [],
    scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, 0])),
    pins: [],
  };
}

describe("rubric tables have names of their own", () => {
  it("names a plain rubric and a scored one differently, and takes a name given", () => {
    expect(regionNames(renderToString(createElement(RubricTable, { rubric })))).toEqual(["Rubric"]);
    expect(regionNames(renderToString(createElement(RubricTable, { rubric, scores: {} })))).toEqual(["Rubric scores"]);
    expect(regionNames(renderToString(createElement(RubricTable, { rubric, label: "Rubric, version 3" })))).toEqual(["Rubric, version 3"]);
  });

  it("gives the scored rubric of each version on a submission page a distinct name", () => {
    const html = [graded(2), graded(1)]
      .map((v, i) =>
        renderToString(createElement(SubmissionVersion, { v, rubric, heading: i === 0 ? `Version ${v.version} (latest)` : `Version ${v.version}` })),
      )
      .join("");
    const rubrics = regionNames(html).filter((name) => name?.startsWith("Rubric"));
    expect(rubrics).toEqual(["Rubric scores, Version 2 (latest)", "Rubric scores, Version 1"]);
  });
});
