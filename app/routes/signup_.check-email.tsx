import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";

export const meta: MetaFunction = () => [{ title: "Check your email — Stipple" }];

/** What every signup sees next, whether or not the address already had an account. */
export default function SignupCheckEmail() {
  return (
    <AuthCard title="Check your email">
      <div role="status" className="space-y-3 text-stone-800">
        <p>We have sent an email to the address you gave. Open the link in it within 24 hours to confirm the address and finish creating your account.</p>
        <p>Nothing arrived after a few minutes? Look in your spam folder, or check the address and sign up again.</p>
        <p>
          Already have an account?{" "}
          <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
