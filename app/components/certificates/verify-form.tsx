import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";

/** Type a certificate code; GET /verify?code= sends it to the verification page. */
export function VerifyForm() {
  return (
    <Form method="get" action="/verify" className="space-y-3">
      <label htmlFor="code" className="block text-sm font-medium text-stone-800">
        Certificate code
      </label>
      <p id="code-help" className="text-sm text-stone-600">
        Printed on the certificate, like STP-7KQ4-M2XD. Dashes and capitals are optional.
      </p>
      <div className="flex flex-wrap gap-2">
        <input
          id="code"
          name="code"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="code-help"
          className="block w-full max-w-xs rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-base uppercase shadow-sm"
        />
        <Button type="submit">Check</Button>
      </div>
    </Form>
  );
}
