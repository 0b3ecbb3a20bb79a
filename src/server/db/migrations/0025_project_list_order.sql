-- The project list's default order (last changed first): its first page is read from this
-- index instead of sorting every project of the city (100k projects: ~60 ms of sorting).
CREATE INDEX project_updated ON project (city_code, updated_at DESC, id DESC);
