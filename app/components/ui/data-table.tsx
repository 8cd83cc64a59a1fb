import type { ReactNode } from "react";

export type Column = { label: ReactNode; className?: string };

/**
 * A table that scrolls sideways inside its own box on a narrow screen. The box is a named,
 * focusable region so a keyboard user can scroll it; rows are the caller's `<tr>`s.
 */
export function DataTable({ label, columns, children, className = "" }: { label: string; columns: Column[]; children: ReactNode; className?: string }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-stone-200 bg-white ${className}`} role="region" aria-label={label} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <thead className="bg-stone-50 text-stone-700">
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={`px-3 py-2 font-medium ${column.className ?? ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
