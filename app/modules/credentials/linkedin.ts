/**
 * LinkedIn's "add to profile" link for a certification, with its fields filled in: name,
 * organisation, issue and expiry month, credential id and the URL that checks it.
 */
export function linkedInAddUrl(c: {
  name: string;
  organisation: string;
  issuedAt: number;
  expiresAt: number;
  credentialId: string;
  verifyUrl: string;
}): string {
  const issued = new Date(c.issuedAt);
  const expires = new Date(c.expiresAt);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.name,
    organizationName: c.organisation,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    expirationYear: String(expires.getUTCFullYear()),
    expirationMonth: String(expires.getUTCMonth() + 1),
    certId: c.credentialId,
    certUrl: c.verifyUrl,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
