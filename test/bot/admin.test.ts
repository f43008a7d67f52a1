import { describe, expect, it } from "vitest";
import { isAdmin } from "../../src/bot/admin.js";
import { loadConfig } from "../../src/config/index.js";

describe("isAdmin", () => {
  const config = loadConfig({ ADMIN_USER_IDS: "1001, 1002" });

  it("accepts the user ids listed in ADMIN_USER_IDS", () => {
    expect(isAdmin(1001, config)).toBe(true);
    expect(isAdmin(1002, config)).toBe(true);
  });
  it("refuses everyone else, and updates without a user", () => {
    expect(isAdmin(1003, config)).toBe(false);
    expect(isAdmin(undefined, config)).toBe(false);
  });
  it("has no admins when ADMIN_USER_IDS is empty", () => {
    expect(isAdmin(1001, loadConfig({}))).toBe(false);
  });
});
