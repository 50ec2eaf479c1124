-- Japan's national holidays as data, not code (DESIGN.md §2): the Cabinet Office's published list for 2026 and 2027,
-- including substitute holidays (振替休日: 2026-05-06 for 3 May, a Sunday; 2027-03-22 for 21 March) and the
-- citizens' holiday (国民の休日: 2026-09-22, between two holidays). An admin adds each further year; every change is
-- audited. The year-end closure (29 December - 3 January) is a rule of the calendar, not rows here.
CREATE TABLE holiday (
    day         date         PRIMARY KEY,
    name_en     varchar(100) NOT NULL,
    name_ja     varchar(100) NOT NULL,
    created_by  varchar(64)  NOT NULL DEFAULT 'migration',
    created_at  timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO holiday (day, name_en, name_ja) VALUES
    ('2026-01-01', 'New Year''s Day', '元日'),
    ('2026-01-12', 'Coming of Age Day', '成人の日'),
    ('2026-02-11', 'National Foundation Day', '建国記念の日'),
    ('2026-02-23', 'The Emperor''s Birthday', '天皇誕生日'),
    ('2026-03-20', 'Vernal Equinox Day', '春分の日'),
    ('2026-04-29', 'Showa Day', '昭和の日'),
    ('2026-05-03', 'Constitution Memorial Day', '憲法記念日'),
    ('2026-05-04', 'Greenery Day', 'みどりの日'),
    ('2026-05-05', 'Children''s Day', 'こどもの日'),
    ('2026-05-06', 'Substitute holiday', '休日'),
    ('2026-07-20', 'Marine Day', '海の日'),
    ('2026-08-11', 'Mountain Day', '山の日'),
    ('2026-09-21', 'Respect for the Aged Day', '敬老の日'),
    ('2026-09-22', 'Citizens'' holiday', '休日'),
    ('2026-09-23', 'Autumnal Equinox Day', '秋分の日'),
    ('2026-10-12', 'Sports Day', 'スポーツの日'),
    ('2026-11-03', 'Culture Day', '文化の日'),
    ('2026-11-23', 'Labour Thanksgiving Day', '勤労感謝の日'),
    ('2027-01-01', 'New Year''s Day', '元日'),
    ('2027-01-11', 'Coming of Age Day', '成人の日'),
    ('2027-02-11', 'National Foundation Day', '建国記念の日'),
    ('2027-02-23', 'The Emperor''s Birthday', '天皇誕生日'),
    ('2027-03-21', 'Vernal Equinox Day', '春分の日'),
    ('2027-03-22', 'Substitute holiday', '休日'),
    ('2027-04-29', 'Showa Day', '昭和の日'),
    ('2027-05-03', 'Constitution Memorial Day', '憲法記念日'),
    ('2027-05-04', 'Greenery Day', 'みどりの日'),
    ('2027-05-05', 'Children''s Day', 'こどもの日'),
    ('2027-07-19', 'Marine Day', '海の日'),
    ('2027-08-11', 'Mountain Day', '山の日'),
    ('2027-09-20', 'Respect for the Aged Day', '敬老の日'),
    ('2027-09-23', 'Autumnal Equinox Day', '秋分の日'),
    ('2027-10-11', 'Sports Day', 'スポーツの日'),
    ('2027-11-03', 'Culture Day', '文化の日'),
    ('2027-11-23', 'Labour Thanksgiving Day', '勤労感謝の日');
