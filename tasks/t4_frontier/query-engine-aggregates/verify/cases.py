"""Hidden data and query cases of the query-engine-aggregates grader.

Tables are generated from a fixed seed (same data on every run). Every differential case is a query
that tql and SQLite must answer alike; the grader computes SQLite's answer in its own process. `seq`
cases have an ORDER BY that fixes the row order; `set` cases are compared as multisets.
"""
import random

TABLES = {
    "sales": [("id", "int"), ("day", "int"), ("region", "text"), ("rep", "text"), ("product", "text"),
              ("qty", "int"), ("price", "real"), ("discount", "real")],
    "events": [("k", "int"), ("tag", "text"), ("v", "int"), ("w", "real")],
    "empty": [("a", "int"), ("b", "text"), ("c", "real")],
}


def make_rows(seed: int = 41):
    rnd = random.Random(seed)
    regions = ["north", "south", "east", "west", "North"]
    reps = ["ana", "ben", "cleo", "dev", "eli", "fay", "gus"]
    products = ["widget", "gadget", "gizmo", "doohickey"]
    prices = [2.5, 7.25, 9.99, 10.0, 3.75, 12.5, 0.5]
    sales = []
    for i in range(1, 73):
        region = None if rnd.random() < 0.12 else rnd.choice(regions)
        qty = None if rnd.random() < 0.1 else rnd.randint(-2, 9)
        price = None if rnd.random() < 0.08 else rnd.choice(prices)
        # discount is NULL everywhere in the west, so a whole group aggregates nothing
        discount = None if (region == "west" or rnd.random() < 0.6) else rnd.choice([0.05, 0.1, 0.25])
        sales.append((i, rnd.randint(1, 6), region, rnd.choice(reps), rnd.choice(products), qty, price, discount))
    events = []
    tags = ["red", "green", "blue", None]
    for k in range(-6, 19):
        tag = rnd.choice(tags)
        v = None if tag == "blue" or rnd.random() < 0.2 else rnd.randint(-20, 40)
        w = None if rnd.random() < 0.3 else round(rnd.uniform(-5, 5), 3)
        events.append((k, tag, v, w))
    return {"sales": sales, "events": events, "empty": []}


def _q(sql, mode="set"):
    return (sql, mode)


# ------------------------------------------------------------------ differential groups

REGRESSION = [
    _q("SELECT id, region, qty FROM sales WHERE qty > 3 ORDER BY id", "seq"),
    _q("SELECT id FROM sales WHERE region IS NULL ORDER BY id", "seq"),
    _q("SELECT id, qty / 2, qty % 3, -qty / 4 FROM sales WHERE qty IS NOT NULL ORDER BY id", "seq"),
    _q("SELECT id, qty * price, price / 0 FROM sales WHERE id <= 20 ORDER BY id", "seq"),
    _q("SELECT region, rep FROM sales WHERE region IN ('north', 'east', NULL) ORDER BY id", "seq"),
    _q("SELECT id FROM sales WHERE NOT (qty IN (1, 2, NULL)) ORDER BY id", "seq"),
    _q("SELECT id FROM sales WHERE qty BETWEEN 2 AND 5 AND price NOT BETWEEN 3 AND 10 ORDER BY id", "seq"),
    _q("SELECT id, product FROM sales WHERE product LIKE 'g%' OR rep LIKE '_e%' ORDER BY id", "seq"),
    _q("SELECT id, CASE WHEN qty > 5 THEN 'many' WHEN qty > 0 THEN 'some' ELSE 'none' END FROM sales ORDER BY id", "seq"),
    _q("SELECT DISTINCT region FROM sales ORDER BY region", "seq"),
    _q("SELECT DISTINCT product, region FROM sales ORDER BY 2 DESC, 1", "seq"),
    _q("SELECT id, qty FROM sales ORDER BY qty DESC, id LIMIT 7 OFFSET 3", "seq"),
    _q("SELECT rep, price AS p FROM sales ORDER BY p, rep, id", "seq"),
    _q("SELECT id FROM sales ORDER BY price * qty DESC, id LIMIT 10", "seq"),
    _q("SELECT upper(rep), length(product), coalesce(region, '?'), abs(qty), nullif(qty, 0) FROM sales ORDER BY id", "seq"),
    _q("SELECT rep || '-' || product FROM sales WHERE id < 15"),
    _q("SELECT k, v, w FROM events WHERE v > 0 OR w < 0 ORDER BY k", "seq"),
    _q("SELECT k, v / k FROM events ORDER BY k", "seq"),
    _q("SELECT a, b FROM empty"),
    _q("SELECT s.id FROM sales AS s WHERE s.day = 3 ORDER BY 1", "seq"),
    _q("SELECT id, qty > 2, qty = 0 OR price IS NULL FROM sales ORDER BY id", "seq"),
]

WHOLE_TABLE = [
    _q("SELECT COUNT(*) FROM sales"),
    _q("SELECT COUNT(region), COUNT(qty), COUNT(discount) FROM sales"),
    _q("SELECT SUM(qty), MIN(qty), MAX(qty) FROM sales"),
    _q("SELECT SUM(price), AVG(price), MIN(price), MAX(price) FROM sales"),
    _q("SELECT AVG(qty) FROM sales"),
    _q("SELECT MIN(rep), MAX(product), MIN(region) FROM sales"),
    _q("SELECT COUNT(*), SUM(qty), AVG(qty) FROM sales WHERE day = 2"),
    _q("SELECT SUM(v), AVG(v), COUNT(v), COUNT(*) FROM events WHERE tag = 'blue'"),
    _q("SELECT MAX(discount), SUM(discount) FROM sales WHERE region = 'west'"),
    _q("SELECT sum(qty), Count(*) FROM sales WHERE qty < 0"),
]

GROUP_ONE = [
    _q("SELECT product, COUNT(*) FROM sales GROUP BY product ORDER BY product", "seq"),
    _q("SELECT rep, SUM(qty), MAX(price) FROM sales GROUP BY rep ORDER BY rep", "seq"),
    _q("SELECT day, AVG(price), MIN(rep) FROM sales GROUP BY day ORDER BY day", "seq"),
    _q("SELECT product, COUNT(qty), SUM(price) FROM sales WHERE day > 2 GROUP BY product"),
    _q("SELECT day, COUNT(*) FROM sales WHERE qty > 0 GROUP BY day"),
]

GROUP_NULLS = [
    _q("SELECT region, COUNT(*), COUNT(qty) FROM sales GROUP BY region ORDER BY region", "seq"),
    _q("SELECT region, SUM(discount), AVG(discount), MAX(discount) FROM sales GROUP BY region ORDER BY region", "seq"),
    _q("SELECT tag, SUM(v), COUNT(v), COUNT(*), MIN(w) FROM events GROUP BY tag ORDER BY tag", "seq"),
    _q("SELECT tag, AVG(v) FROM events GROUP BY tag"),
    _q("SELECT qty, COUNT(*) FROM sales GROUP BY qty ORDER BY qty DESC", "seq"),
]

GROUP_MULTI = [
    _q("SELECT region, product, COUNT(*), SUM(qty) FROM sales GROUP BY region, product ORDER BY region, product", "seq"),
    _q("SELECT qty % 3, COUNT(*) FROM sales GROUP BY qty % 3 ORDER BY 1", "seq"),
    _q("SELECT lower(region), COUNT(*) FROM sales GROUP BY lower(region) ORDER BY 1", "seq"),
    _q("SELECT CASE WHEN price >= 9 THEN 'high' ELSE 'low' END AS band, COUNT(*) FROM sales "
       "GROUP BY CASE WHEN price >= 9 THEN 'high' ELSE 'low' END ORDER BY band", "seq"),
    _q("SELECT day, rep, MAX(qty) FROM sales GROUP BY 1, 2 ORDER BY 1, 2", "seq"),
    _q("SELECT coalesce(region, 'none'), day, COUNT(*) FROM sales GROUP BY coalesce(region, 'none'), day"),
    _q("SELECT product FROM sales GROUP BY product"),
]

DISTINCT_AGG = [
    _q("SELECT COUNT(DISTINCT region), COUNT(DISTINCT rep), COUNT(DISTINCT discount) FROM sales"),
    _q("SELECT product, COUNT(DISTINCT rep), COUNT(rep) FROM sales GROUP BY product ORDER BY product", "seq"),
    _q("SELECT region, SUM(DISTINCT qty), SUM(qty), AVG(DISTINCT price) FROM sales GROUP BY region ORDER BY region", "seq"),
    _q("SELECT tag, COUNT(DISTINCT v) FROM events GROUP BY tag"),
]

HAVING = [
    _q("SELECT rep, COUNT(*) FROM sales GROUP BY rep HAVING COUNT(*) > 10 ORDER BY rep", "seq"),
    _q("SELECT product FROM sales GROUP BY product HAVING SUM(qty) > 60 ORDER BY product", "seq"),
    _q("SELECT region, MAX(qty) FROM sales GROUP BY region HAVING MIN(price) < 1 AND region IS NOT NULL"),
    _q("SELECT region, COUNT(*) FROM sales GROUP BY region HAVING region LIKE 'n%' OR COUNT(*) < 5"),
    _q("SELECT day FROM sales GROUP BY day HAVING COUNT(*) > 1000"),
    _q("SELECT tag, COUNT(*) FROM events GROUP BY tag HAVING SUM(v) IS NULL"),
    _q("SELECT rep, AVG(qty) FROM sales WHERE qty > 0 GROUP BY rep HAVING AVG(qty) >= 5"),
]

ORDER_GROUPS = [
    _q("SELECT rep FROM sales GROUP BY rep ORDER BY COUNT(*) DESC, rep", "seq"),
    _q("SELECT product, SUM(qty) AS total FROM sales GROUP BY product ORDER BY total DESC, product", "seq"),
    _q("SELECT region, AVG(price) FROM sales GROUP BY region ORDER BY 2, 1", "seq"),
    _q("SELECT region, MAX(qty) FROM sales GROUP BY region ORDER BY region DESC LIMIT 3", "seq"),
    _q("SELECT rep, SUM(qty) FROM sales GROUP BY rep ORDER BY SUM(qty) DESC, rep LIMIT 2 OFFSET 1", "seq"),
    _q("SELECT DISTINCT COUNT(*) FROM sales GROUP BY day ORDER BY 1", "seq"),
    _q("SELECT day, COUNT(*) FROM sales GROUP BY day ORDER BY MAX(price) DESC, day", "seq"),
]

AGG_EXPR = [
    _q("SELECT region, SUM(qty) / COUNT(*), SUM(qty) % 4 FROM sales GROUP BY region ORDER BY region", "seq"),
    _q("SELECT product, SUM(qty * price), MAX(qty) - MIN(qty) FROM sales GROUP BY product ORDER BY product", "seq"),
    _q("SELECT rep, CASE WHEN COUNT(*) > 10 THEN 'busy' ELSE 'quiet' END FROM sales GROUP BY rep ORDER BY rep", "seq"),
    _q("SELECT coalesce(SUM(discount), 0), COUNT(*) * 2 + 1 FROM sales WHERE region = 'west'"),
    _q("SELECT tag, coalesce(MAX(v), -1), SUM(v) * 1.0 / COUNT(*) FROM events GROUP BY tag ORDER BY tag", "seq"),
    _q("SELECT day, SUM(CASE WHEN qty > 4 THEN 1 ELSE 0 END) FROM sales GROUP BY day ORDER BY day", "seq"),
    _q("SELECT day + 100, COUNT(*) FROM sales GROUP BY day ORDER BY day", "seq"),
]

EMPTY = [
    _q("SELECT a, COUNT(*) FROM empty GROUP BY a"),
    _q("SELECT COUNT(*), SUM(a), AVG(c), MIN(b), MAX(a) FROM empty"),
    _q("SELECT COUNT(*), MAX(qty) FROM sales WHERE qty > 1000"),
    _q("SELECT region, COUNT(*) FROM sales WHERE qty > 1000 GROUP BY region"),
    _q("SELECT COUNT(a) + 5, coalesce(SUM(a), 0) FROM empty"),
]

NAMES = [
    "SELECT COUNT(*) FROM sales",
    "SELECT region, count(*), SUM(qty) FROM sales GROUP BY region",
    "SELECT rep, AVG( price ) AS mean, max(qty)*2 FROM sales GROUP BY rep",
    "SELECT COUNT(DISTINCT rep) FROM sales",
]

DIFFERENTIAL = {
    "plain queries still answer as before": (REGRESSION, 0.75),
    "aggregates over the whole table": (WHOLE_TABLE, 0.75),
    "GROUP BY one column": (GROUP_ONE, 0.75),
    "NULL keys and NULL values in groups": (GROUP_NULLS, 0.75),
    "several and computed GROUP BY terms": (GROUP_MULTI, 0.5),
    "DISTINCT inside aggregates": (DISTINCT_AGG, 0.4),
    "HAVING": (HAVING, 0.6),
    "ORDER BY, DISTINCT and LIMIT over groups": (ORDER_GROUPS, 0.6),
    "aggregates inside expressions": (AGG_EXPR, 0.5),
    "empty input (one row without GROUP BY, none with)": (EMPTY, 0.4),
}

# ------------------------------------------------------------------ must be rejected with QueryError
# (query, a word the message must contain or None)

ERRORS = [
    ("SELECT region, qty FROM sales GROUP BY region", "qty"),
    ("SELECT region, COUNT(*) FROM sales GROUP BY region ORDER BY price", "price"),
    ("SELECT region FROM sales GROUP BY region HAVING qty > 2", "qty"),
    ("SELECT rep, COUNT(*) FROM sales", "rep"),
    ("SELECT COUNT(*) FROM sales WHERE SUM(qty) > 3", None),
    ("SELECT COUNT(*) FROM sales GROUP BY COUNT(*)", None),
    ("SELECT SUM(MAX(qty)) FROM sales", None),
    ("SELECT SUM(*) FROM sales", None),
    ("SELECT COUNT(qty, price) FROM sales", None),
    ("SELECT * FROM sales GROUP BY region", None),
    ("SELECT region, COUNT(*) FROM sales GROUP BY 3", None),
    ("SELECT COUNT(*), region FROM sales GROUP BY 1", None),
    ("SELECT lower(DISTINCT rep) FROM sales", None),
    ("SELECT SUM(rep) FROM sales", None),
    ("SELECT region, COUNT(*) FROM sales GROUP BY region HAVING nosuch > 1", "nosuch"),
]
