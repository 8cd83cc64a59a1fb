import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Account deleted — Stipple" }];

export default function AccountDeleted() {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold text-stone-900">Your account has been deleted</h1>
      <p role="status" className="text-stone-700">
        Your personal data and photos are erased and you are signed out everywhere. Thank you for learning with Stipple.
      </p>
      <p>
        <Link to="/" className="font-medium text-brand-700 underline underline-offset-2">
          Back to the home page
        </Link>
      </p>
    </div>
  );
}
