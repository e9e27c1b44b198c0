-- Task priority: 1 = high, 2 = normal, 3 = low.
DROP TABLE IF EXISTS tasks;
CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    priority    INTEGER NOT NULL DEFAULT 2
);
