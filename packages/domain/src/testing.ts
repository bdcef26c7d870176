/** Fixtures for tests in other packages: sites, actors, sample items and a journal builder. */
export * from "./case/fixtures";
export * from "./complaint/fixtures";
