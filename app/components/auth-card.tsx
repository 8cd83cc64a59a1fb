import type { ReactNode } from "react";

export function AuthCard({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-stone-900">{title}</h1>
      {intro ? <div className="mt-2 text-stone-700">{intro}</div> : null}
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">{children}</div>
      {footer ? <div className="mt-4 text-sm text-stone-700">{footer}</div> : null}
    </div>
  );
}
