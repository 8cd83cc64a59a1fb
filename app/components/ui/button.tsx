import type { ButtonHTMLAttributes } from "react";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-stone-400",
  secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100",
  link: "text-brand-700 underline underline-offset-2 hover:text-brand-800",
} as const;

export function buttonClass(variant: keyof typeof styles = "primary"): string {
  const shape = variant === "link" ? "" : "inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 font-medium";
  return `${shape} ${styles[variant]} transition-colors`;
}

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof styles }) {
  return <button {...props} className={`${buttonClass(variant)} ${className}`} />;
}
