-- demo_sleep(ms): a query that takes ms milliseconds, for the demo's slow-database scenario.
CREATE FUNCTION demo_sleep(ms integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_sleep(ms / 1000.0)
$$;
