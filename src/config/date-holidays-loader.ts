// Installs the loader of date-holidays for core's country holiday sets (see
// core/sla/holiday-sets.ts): a synchronous require, run only when a calendar first names a
// country set, so a policy without one never loads the library. Imported, for its effect, by
// load-policy.ts (and by the tests' setup, for core tests that build calendars directly).
import { createRequire } from "node:module";
import { installHolidaysLibrary, type HolidaysLibrary } from "../core/sla/holiday-sets.js";

const require = createRequire(import.meta.url);

installHolidaysLibrary(() => require("date-holidays") as HolidaysLibrary);
