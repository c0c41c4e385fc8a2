/** The report for the service provider: text to read out, the same as JSON, and where both were saved. */
export interface Report {
  text: string;
  json: unknown;
  savedTo: { text: string; json: string };
}
