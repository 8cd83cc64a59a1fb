/**
 * The public address of a cited source: its `url`, else the DOI or PubMed id its citation gives
 * ("doi:10.1056/NEJMoa1205114", "PMID: 22970947"), as a doi.org or PubMed link; null when the
 * source names none (a book, a page we could not link). Every list of sources links through this.
 */
export function sourceHref(source: { citation: string; url?: string | null }): string | null {
  if (source.url) return source.url;
  const doi = /\bdoi:\s*(10\.\d{4,9}\/[^\s;,]+[^\s;,.)])/i.exec(source.citation)?.[1];
  if (doi) return `https://doi.org/${doi}`;
  const pmid = /\bPMID:?\s*(\d{1,9})\b/i.exec(source.citation)?.[1];
  if (pmid) return `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
  return null;
}
