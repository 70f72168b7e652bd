CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL);
INSERT INTO greeting SELECT n, 'hello ' || n FROM generate_series(1, 1000) AS n;
