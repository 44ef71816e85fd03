-- H2 counts a VARCHAR's length in UTF-16 units, so the 200 characters an item may have take up to
-- 400 of them when they lie outside the Basic Multilingual Plane (emoji, for one). PostgreSQL
-- counts characters, as order-service does; its VARCHAR(200) stays.
ALTER TABLE orders ALTER COLUMN item SET DATA TYPE VARCHAR(400);
