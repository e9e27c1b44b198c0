-- Task priority: 1 = high, 2 = normal, 3 = low. Every existing task becomes normal (2).
-- ADD COLUMN keeps the table, its rows, ids and AUTOINCREMENT counter as they are.
ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3);
CREATE INDEX tasks_open_by_priority ON tasks(done, priority, id);
