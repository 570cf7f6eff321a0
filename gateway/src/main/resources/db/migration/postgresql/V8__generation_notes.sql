-- What Junction did to a generation's request or answer, one line each, as a JSON array of strings (NULL: none):
-- what the middle-out transform removed from a prompt too long for the endpoint, how response healing repaired a
-- malformed JSON answer.
ALTER TABLE generations ADD COLUMN notes TEXT;
