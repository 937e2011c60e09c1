import { describe, expect, it } from "vitest";
import { enterWouldSubmit } from "@/components/form/use-action-form.ts";

// Enter in a multi-field report form must never send it (issue 12): the keydown guard
// blocks Enter exactly where the browser would submit implicitly.
describe("enterWouldSubmit", () => {
  it.each([
    ["INPUT", "number", true],
    ["INPUT", "text", true],
    ["INPUT", "date", true],
    ["INPUT", "radio", true],
    ["INPUT", "checkbox", true],
    ["INPUT", undefined, true],
    ["INPUT", "submit", false],
    ["INPUT", "button", false],
    ["INPUT", "file", false],
    ["TEXTAREA", "textarea", false],
    ["BUTTON", "submit", false],
    ["SELECT", "select-one", false],
  ] as const)("%s type=%s → %s", (tagName, type, expected) => {
    expect(enterWouldSubmit({ tagName, type })).toBe(expected);
  });
});
