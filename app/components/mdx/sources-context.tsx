import { createContext, useContext } from "react";

export type PageSource = { key: string; citation: string; url?: string; kind: string };
export const SourcesContext = createContext<PageSource[]>([]);
export const useSources = () => useContext(SourcesContext);
