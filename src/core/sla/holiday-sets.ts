/**
 * Holiday data for business calendars: the built-in sets (mainland China from
 * `chinese-days`, other countries from `date-holidays`) and plain lists of dates.
 * Everything here is keyed by local calendar date (`YYYY-MM-DD`); time zones are the
 * calendar's business.
 */
import chineseDaysData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type Holidays from "date-holidays";
import { addIsoDays } from "./iso-date.js";

/** Where a calendar's holidays come from; `none` means the calendar has no holidays. */
export type HolidaySourceKind = "none" | "cn" | "country" | "list";

/** The holiday rules of one calendar, by local date. */
export interface HolidaySource {
  readonly kind: HolidaySourceKind;
  /** Human label for warnings: "cn", "US", "DE-BY", "list" or "none". */
  readonly label: string;
  /** Whether the date is a day off (a public holiday, or a listed date). */
  isHoliday(date: string): boolean;
  /** Whether the date is a weekend day worked in exchange for a holiday (调休). */
  isMovedWorkday(date: string): boolean;
  /** Whether the data has anything for that year, so a missing year can be reported. */
  coversYear(year: number): boolean;
}

/** The date-holidays class (its rules for every country and region). */
export type HolidaysLibrary = typeof Holidays;

// date-holidays with its rules and time-zone data weighs about 15 MB of a process's memory, and
// most policies name no country set (the example names only cn), so it is loaded the first time
// one is asked about. Core cannot load a module on demand; the config layer installs the loader.
let holidaysLibrary: HolidaysLibrary | undefined;
let loadHolidaysLibrary: (() => HolidaysLibrary) | undefined;

/**
 * How to load date-holidays when a calendar first names a country set. Installed once by
 * `src/config/date-holidays-loader.ts`, which the policy loader imports.
 */
export function installHolidaysLibrary(load: () => HolidaysLibrary): void {
  loadHolidaysLibrary = load;
}

function library(): HolidaysLibrary {
  if (!holidaysLibrary) {
    if (!loadHolidaysLibrary) throw new Error("country holiday sets need date-holidays: import src/config/date-holidays-loader.js first");
    holidaysLibrary = loadHolidaysLibrary();
  }
  return holidaysLibrary;
}

const COUNTRY_RE = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/;

// date-holidays evaluates rules per call; its answers per year are computed once per process.
const yearCache = new Map<string, ReadonlySet<string>>();
const countryCache = new Map<string, Holidays>();
let knownCountries: Record<string, string> | undefined;

function cachedYear(code: string, year: number): ReadonlySet<string> {
  const cacheKey = `${code}:${year}`;
  let dates = yearCache.get(cacheKey);
  if (!dates) {
    dates = loadCountryYear(code, year);
    yearCache.set(cacheKey, dates);
  }
  return dates;
}

// chinese-days' functions build their tables from UTC-parsed dates read back with local
// getters, so in a process whose TZ is west of UTC every date shifts by one day. The
// package's published JSON (generated from the same arrangement) has the exact dates.
const CN_HOLIDAYS: Readonly<Record<string, string>> = chineseDaysData.holidays;
const CN_WORKDAYS: Readonly<Record<string, string>> = chineseDaysData.workdays;
const CN_YEARS: ReadonlySet<number> = new Set(Object.keys(CN_HOLIDAYS).map((d) => Number(d.slice(0, 4))));

/** Mainland China: public holidays and the weekend days worked in exchange (调休). */
const CHINA: HolidaySource = {
  kind: "cn",
  label: "cn",
  isHoliday: (date) => Object.hasOwn(CN_HOLIDAYS, date),
  isMovedWorkday: (date) => Object.hasOwn(CN_WORKDAYS, date),
  coversYear: (year) => CN_YEARS.has(year),
};

function countryCalendar(code: string): Holidays {
  let hd = countryCache.get(code);
  if (!hd) {
    const [country, state] = code.split("-");
    const Library = library();
    hd = state ? new Library(country, state) : new Library(country);
    countryCache.set(code, hd);
  }
  return hd;
}

function loadCountryYear(code: string, year: number): ReadonlySet<string> {
  const holidays = new Set<string>();
  // Only public holidays close a business; bank, school and optional days do not.
  for (const h of countryCalendar(code).getHolidays(year)) {
    if (h.type !== "public") continue;
    const first = h.date.slice(0, 10);
    const spanDays = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < spanDays; i++) holidays.add(addIsoDays(first, i));
  }
  return holidays;
}

function normaliseCountry(code: string): string | undefined {
  const match = COUNTRY_RE.exec(code);
  if (!match) return undefined;
  const country = match[1].toUpperCase();
  knownCountries ??= new (library())().getCountries();
  if (!(country in knownCountries)) return undefined;
  if (!match[2]) return country;
  const state = match[2].toUpperCase();
  const states = new (library())().getStates(country) ?? {};
  return state in states ? `${country}-${state}` : undefined;
}

/**
 * Whether `code` names a built-in holiday set: `cn` (mainland China, with moved working
 * days), or a `date-holidays` country code, optionally with a region (`US`, `DE-BY`).
 */
export function isKnownHolidaySet(code: string): boolean {
  return code.toLowerCase() === "cn" || normaliseCountry(code) !== undefined;
}

function countrySource(code: string): HolidaySource {
  return {
    kind: "country",
    label: code,
    isHoliday: (date) => cachedYear(code, Number(date.slice(0, 4))).has(date),
    // date-holidays has no moved working days; the countries it serves do not swap weekends.
    isMovedWorkday: () => false,
    coversYear: (year) => cachedYear(code, year).size > 0,
  };
}

function listSource(dates: readonly string[]): HolidaySource {
  const set = new Set(dates);
  return {
    kind: "list",
    label: "list",
    isHoliday: (date) => set.has(date),
    isMovedWorkday: () => false,
    coversYear: (year) => dates.some((d) => d.startsWith(`${year}-`)),
  };
}

const NO_HOLIDAYS: HolidaySource = {
  kind: "none",
  label: "none",
  isHoliday: () => false,
  isMovedWorkday: () => false,
  coversYear: () => true,
};

/**
 * The holiday source for a calendar's `holidays:` value: a set code, a list of dates, or
 * nothing. A list is the organisation's own and is taken as given.
 * @throws RangeError for an unknown set code (the schema rejects those first).
 */
export function holidaySource(spec: string | readonly string[] | undefined): HolidaySource {
  if (spec === undefined) return NO_HOLIDAYS;
  if (typeof spec !== "string") return listSource(spec);
  if (spec.toLowerCase() === "cn") return CHINA;
  const code = normaliseCountry(spec);
  if (!code) throw new RangeError(`unknown holiday set "${spec}"`);
  return countrySource(code);
}
