import { setLogSink } from "../../functions/src/services/log.js";

// The API writes a JSON line per request; hundreds of them per test file bury the test report.
// Tests that check the logs install their own sink; POLINET_TEST_LOGS=1 shows them all.
if (process.env.POLINET_TEST_LOGS !== "1") setLogSink(() => {});
