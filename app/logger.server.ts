import pino from "pino";
import { config } from "~/config.server";

/**
 * One JSON line per event. Personal data (names, phones, descriptions) never goes into logs:
 * log case numbers and ids only.
 */
export const logger = pino({ level: config().LOG_LEVEL, base: { service: "greenline" } });
