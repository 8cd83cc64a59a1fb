import { describe, expect, it } from "vitest";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { sourceHref } from "~/modules/content/source-link";

describe("sourceHref", () => {
  it("uses the source's own address first", () => {
    expect(sourceHref({ citation: "Findlay GH. doi:10.1111/x.1", url: "https://example.org/paper" })).toBe("https://example.org/paper");
  });

  it("links a DOI or a PubMed id given only in the citation", () => {
    expect(sourceHref({ citation: "Outbreak of M. chelonae. N Engl J Med 2012;367(11):1020-1024. doi:10.1056/NEJMoa1205114 (Rochester)" })).toBe(
      "https://doi.org/10.1056/NEJMoa1205114",
    );
    expect(sourceHref({ citation: "Alcohols for skin antisepsis. 2009;53(11):4778-4782. doi: 10.1128/AAC.00582-09." })).toBe(
      "https://doi.org/10.1128/AAC.00582-09",
    );
    expect(sourceHref({ citation: "Smith J. A study. J Derm 2001. PMID: 11207677" })).toBe("https://pubmed.ncbi.nlm.nih.gov/11207677/");
  });

  it("gives nothing for a source with no public address", () => {
    expect(sourceHref({ citation: "Findlay GH. Blue skin. Br J Dermatol 1970;83:127" })).toBeNull();
  });

  it("links every source of the course that has a url, a DOI or a PubMed id", () => {
    const sources = getCatalogue().courses.flatMap((c) => [...c.modules.flatMap((m) => m.sources), ...c.glossary.map((t) => t.source)]);
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      if (s.url || /\bdoi:|\bPMID\b/i.test(s.citation)) expect(sourceHref(s), s.citation).toMatch(/^https?:\/\//);
    }
  });
});
