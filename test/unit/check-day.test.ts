import { test } from "node:test";
import assert from "node:assert/strict";
import { TrailhiveError } from "../../src/errors.js";
import { validateSampleOptions } from "../../src/source/sampler.js";
import { checkDay, checkDayRange, MAX_DAYS } from "../../src/values/check-day.js";

const badDate = (name: string, value: string) => (e: unknown) =>
  e instanceof TrailhiveError && e.code === "USAGE_BAD_DATE" && e.userError && e.message.includes(name) && e.message.includes(JSON.stringify(value)) && e.message.includes("YYYY-MM-DD");

test("checkDay takes real calendar days, leap years right", () => {
  for (const day of ["2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "2026-04-30"]) assert.equal(checkDay(day, "--from"), day);
});

test("checkDay refuses impossible and misspelt days, naming the option, the value and the form", () => {
  for (const value of [
    "2026-13-45",
    "2026-11-99",
    "2026-00-10",
    "2026-01-00",
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-1-5",
    "20261105",
    "2026-11-16T00:00:00Z",
    " 2026-11-16",
    "",
    "yesterday",
    "+02026-01-01",
  ]) {
    assert.throws(() => checkDay(value, "--param from"), badDate("--param from", value), JSON.stringify(value));
  }
});

test("checkDayRange refuses from after to; equal days are one day", () => {
  checkDayRange({ from: "2026-11-16", to: "2026-11-16" }, { from: "--from", to: "--to" });
  checkDayRange({ to: "2026-11-16" }, { from: "--from", to: "--to" });
  assert.throws(() => checkDayRange({ from: "2026-11-20", to: "2026-11-16" }, { from: "--from", to: "--to" }), /--from 2026-11-20 is after --to 2026-11-16/);
  assert.throws(() => checkDayRange({ from: "2026-11-20", to: "2026-02-30" }, { from: "--from", to: "--to" }), badDate("--to", "2026-02-30"));
});

test("the sampling options use the same parser, and --days is bounded so the first day stays a date", () => {
  assert.throws(
    () => validateSampleOptions({ from: "2026-13-45" }),
    (e: unknown) => e instanceof TrailhiveError && e.code === "USAGE_BAD_OPTION" && e.message.includes('--from "2026-13-45"'),
  );
  assert.throws(() => validateSampleOptions({ days: MAX_DAYS + 1 }), /--days must be at most/);
  validateSampleOptions({ days: MAX_DAYS, today: "2026-11-16" });
});
