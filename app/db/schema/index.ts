export * from "./users";
export * from "./auth";
export * from "./outbox";
export * from "./clinics";
export * from "./progress";
export * from "./quiz";
export * from "./practicals";
export * from "./certification";
