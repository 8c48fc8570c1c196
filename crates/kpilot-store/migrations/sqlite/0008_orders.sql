-- A shop's orders (Shopify, WooCommerce, PrestaShop exports), kept one by
-- one rather than summed into days, so that two files of one day add up and
-- an order exported twice counts once. An order is the latest read for its
-- key (shop, number); `shop` is the preset's name. The day's figures the
-- orders give (transactions, revenue, new_customers) are observations,
-- recomputed by the store from every order of their day, channel and
-- segment whenever an import or an undo changes one.
-- Days are numbers written yyyymmdd, as in `observations`; `segment` and
-- `status` are NULL when there is none; `counted` and `new_customer` are
-- 0 or 1 (`new_customer` NULL when the export does not say); `total` is an
-- exact decimal, as text. Keyed by shop then number, in byte order.
-- Foreign keys to `import_batches`, unlike `observations`: orders are few,
-- and the check is cheap next to the import of a file of them.
CREATE TABLE orders (
    shop          TEXT NOT NULL,
    number        TEXT NOT NULL,
    day           INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    segment       TEXT,
    status        TEXT,
    counted       INTEGER NOT NULL CHECK (counted IN (0, 1)),
    total         TEXT NOT NULL,
    new_customer  INTEGER CHECK (new_customer IN (0, 1)),
    batch         INTEGER NOT NULL REFERENCES import_batches (id),
    line          INTEGER NOT NULL,
    PRIMARY KEY (shop, number)
) STRICT, WITHOUT ROWID;

-- A day's orders, of every shop, are read to recompute its figures.
CREATE INDEX orders_by_day ON orders (day);
CREATE INDEX orders_by_batch ON orders (batch);

-- `batch` replaced or took over the order (as it was, from `old_batch`,
-- line `old_line`), kept so that undoing `batch` restores it: chained as
-- `replaced_observations` are.
CREATE TABLE replaced_orders (
    batch         INTEGER NOT NULL REFERENCES import_batches (id),
    shop          TEXT NOT NULL,
    number        TEXT NOT NULL,
    day           INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    segment       TEXT,
    status        TEXT,
    counted       INTEGER NOT NULL CHECK (counted IN (0, 1)),
    total         TEXT NOT NULL,
    new_customer  INTEGER CHECK (new_customer IN (0, 1)),
    old_batch     INTEGER NOT NULL REFERENCES import_batches (id),
    old_line      INTEGER NOT NULL,
    PRIMARY KEY (batch, shop, number)
) STRICT, WITHOUT ROWID;

CREATE INDEX replaced_orders_old_batch ON replaced_orders (old_batch);

-- The batches that are order imports, and of which shop: an observation
-- such a batch wrote is a figure of orders, which the store may set to 0
-- once the orders behind it are gone; another batch's is a file's value,
-- left as it is.
CREATE TABLE order_imports (
    batch  INTEGER PRIMARY KEY REFERENCES import_batches (id),
    shop   TEXT NOT NULL
) STRICT;
