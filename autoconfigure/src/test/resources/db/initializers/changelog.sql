--liquibase formatted sql

--changeset probes:1
CREATE TABLE greeting (id BIGINT PRIMARY KEY, text VARCHAR(100) NOT NULL);
INSERT INTO greeting (id, text) VALUES (1, 'hello from liquibase');
