import { useNavigation } from "@remix-run/react";

/**
 * True while this page's form is being posted — and, given an intent, only while a form
 * carrying that `intent` value is (a page with several forms disables only the one in flight).
 */
export function useIsSubmitting(intent?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state !== "submitting") return false;
  return intent === undefined || navigation.formData?.get("intent") === intent;
}
