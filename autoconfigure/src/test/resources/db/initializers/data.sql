INSERT INTO greeting (id, text) VALUES (1, 'hello from data.sql');
INSERT INTO greeting (id, text) VALUES (2, 'hello again');
