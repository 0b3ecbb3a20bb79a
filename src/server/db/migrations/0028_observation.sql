-- On-site observation (现场观摩制): a tour visits chosen projects (sites); each judge scores
-- each site on the tour's weighted criteria. Only the judges' points are stored: totals, site
-- and unit scores and ranks are always derived from them (the domain's score.ts).
CREATE TABLE observation_tour (
  city_code   char(6) NOT NULL REFERENCES city (code),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  title       text NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter     integer CHECK (quarter BETWEEN 1 AND 4),
  held_on     date NOT NULL,
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scoring','closed')),
  -- [{key, nameZh, nameEn, weight}], frozen once the tour is opened for scoring.
  criteria    jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_by  bigint REFERENCES identity_user (id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  opened_at   timestamptz,
  closed_at   timestamptz,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX observation_tour_year ON observation_tour (city_code, year, held_on DESC);

CREATE TABLE observation_site (
  city_code   char(6) NOT NULL,
  tour_id     bigint NOT NULL,
  project_id  bigint NOT NULL,
  position    integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (city_code, tour_id, project_id),
  FOREIGN KEY (city_code, tour_id) REFERENCES observation_tour (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id)
);

CREATE TABLE observation_judge (
  city_code   char(6) NOT NULL,
  tour_id     bigint NOT NULL,
  user_id     bigint NOT NULL REFERENCES identity_user (id),
  position    integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (city_code, tour_id, user_id),
  FOREIGN KEY (city_code, tour_id) REFERENCES observation_tour (city_code, id) ON DELETE CASCADE
);

-- A judge's points for one site ({criterionKey: 0..100}); revised while the tour is scoring.
CREATE TABLE observation_score (
  city_code   char(6) NOT NULL,
  tour_id     bigint NOT NULL,
  project_id  bigint NOT NULL,
  user_id     bigint NOT NULL,
  points      jsonb NOT NULL,
  note        text,
  scored_at   timestamptz NOT NULL,
  PRIMARY KEY (city_code, tour_id, project_id, user_id),
  FOREIGN KEY (city_code, tour_id, project_id) REFERENCES observation_site (city_code, tour_id, project_id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, tour_id, user_id) REFERENCES observation_judge (city_code, tour_id, user_id) ON DELETE CASCADE
);

-- Photos of a site taken on the tour (with the EXIF time and GPS position when the photo has
-- them), added by its judges and the operator while the tour is being scored.
CREATE TABLE observation_photo (
  city_code     char(6) NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY,
  tour_id       bigint NOT NULL,
  project_id    bigint NOT NULL,
  file_id       bigint NOT NULL,
  taken_at      timestamptz,
  latitude      numeric(9,6),
  longitude     numeric(9,6),
  created_by    bigint NOT NULL REFERENCES identity_user (id),
  created_name  text NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, tour_id, project_id) REFERENCES observation_site (city_code, tour_id, project_id),
  FOREIGN KEY (city_code, file_id) REFERENCES file_blob (city_code, id)
);
CREATE INDEX observation_photo_site ON observation_photo (city_code, tour_id, project_id);
