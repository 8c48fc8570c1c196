-- A shop's orders (Shopify, WooCommerce, PrestaShop exports), kept one by
-- one rather than summed into days, so that two files of one day add up and
-- an order exported twice counts once. An order is the latest read for its
-- key (shop, number); `shop` is the preset's name. The day's figures the
-- orders give (transactions, revenue, new_customers) are observations,
-- recomputed by the store from every order of their day, channel and
-- segment whenever an import or an undo changes one.
-- `segment` and `status` are NULL when there is none; `new_customer` NULL
-- when the export does not say; `total` is exact, written without trailing
-- zeros. Keys use the "C" collation, so that they sort as on SQLite (by
-- bytes). Foreign keys to `import_batches`, unlike `observations`: orders
-- are few, and the check is cheap next to the import of a file of them.
CREATE TABLE orders (
    shop          TEXT COLLATE "C" NOT NULL,
    number        TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    channel       TEXT COLLATE "C" NOT NULL,
    segment       TEXT COLLATE "C",
    status        TEXT,
    counted       BOOLEAN NOT NULL,
    total         NUMERIC NOT NULL,
    new_customer  BOOLEAN,
    batch         BIGINT NOT NULL REFERENCES import_batches (id),
    line          BIGINT NOT NULL,
    PRIMARY KEY (shop, number)
);

-- A day's orders, of every shop, are read to recompute its figures.
CREATE INDEX orders_by_day ON orders (day);
CREATE INDEX orders_by_batch ON orders (batch);

-- `batch` replaced or took over the order (as it was, from `old_batch`,
-- line `old_line`), kept so that undoing `batch` restores it: chained as
-- `replaced_observations` are.
CREATE TABLE replaced_orders (
    batch         BIGINT NOT NULL REFERENCES import_batches (id),
    shop          TEXT COLLATE "C" NOT NULL,
    number        TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    channel       TEXT COLLATE "C" NOT NULL,
    segment       TEXT COLLATE "C",
    status        TEXT,
    counted       BOOLEAN NOT NULL,
    total         NUMERIC NOT NULL,
    new_customer  BOOLEAN,
    old_batch     BIGINT NOT NULL REFERENCES import_batches (id),
    old_line      BIGINT NOT NULL,
    PRIMARY KEY (batch, shop, number)
);

CREATE INDEX replaced_orders_old_batch ON replaced_orders (old_batch);

-- The batches that are order imports, and of which shop: an observation
-- such a batch wrote is a figure of orders, which the store may set to 0
-- once the orders behind it are gone; another batch's is a file's value,
-- left as it is.
CREATE TABLE order_imports (
    batch  BIGINT PRIMARY KEY REFERENCES import_batches (id),
    shop   TEXT COLLATE "C" NOT NULL
);
