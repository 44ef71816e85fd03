-- demo_sleep(ms): a query that takes ms milliseconds, for the demo's slow-database scenario.
-- H2 runs a Java static method as the function.
CREATE ALIAS demo_sleep FOR 'java.lang.Thread.sleep(long)';
