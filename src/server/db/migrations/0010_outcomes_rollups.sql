-- Countries: one spelling per country, ISO 3166-1 alpha-3, as the indexer now writes it (src/domain/countries.ts:
-- alpha-2 and known variants mapped, alpha-3 upper-cased, trailing MRZ fillers dropped; other codes kept as they are).
UPDATE "processes" AS p SET "document_country" = m.a3
FROM (VALUES
  ('AD','AND'), ('AE','ARE'), ('AF','AFG'), ('AG','ATG'), ('AI','AIA'), ('AL','ALB'), ('AM','ARM'), ('AO','AGO'), ('AQ','ATA'), ('AR','ARG'), ('AS','ASM'), ('AT','AUT'),
  ('AU','AUS'), ('AW','ABW'), ('AX','ALA'), ('AZ','AZE'), ('BA','BIH'), ('BB','BRB'), ('BD','BGD'), ('BE','BEL'), ('BF','BFA'), ('BG','BGR'), ('BH','BHR'), ('BI','BDI'),
  ('BJ','BEN'), ('BL','BLM'), ('BM','BMU'), ('BN','BRN'), ('BO','BOL'), ('BQ','BES'), ('BR','BRA'), ('BS','BHS'), ('BT','BTN'), ('BV','BVT'), ('BW','BWA'), ('BY','BLR'),
  ('BZ','BLZ'), ('CA','CAN'), ('CC','CCK'), ('CD','COD'), ('CF','CAF'), ('CG','COG'), ('CH','CHE'), ('CI','CIV'), ('CK','COK'), ('CL','CHL'), ('CM','CMR'), ('CN','CHN'),
  ('CO','COL'), ('CR','CRI'), ('CU','CUB'), ('CV','CPV'), ('CW','CUW'), ('CX','CXR'), ('CY','CYP'), ('CZ','CZE'), ('DE','DEU'), ('DJ','DJI'), ('DK','DNK'), ('DM','DMA'),
  ('DO','DOM'), ('DZ','DZA'), ('EC','ECU'), ('EE','EST'), ('EG','EGY'), ('EH','ESH'), ('ER','ERI'), ('ES','ESP'), ('ET','ETH'), ('FI','FIN'), ('FJ','FJI'), ('FK','FLK'),
  ('FM','FSM'), ('FO','FRO'), ('FR','FRA'), ('GA','GAB'), ('GB','GBR'), ('GD','GRD'), ('GE','GEO'), ('GF','GUF'), ('GG','GGY'), ('GH','GHA'), ('GI','GIB'), ('GL','GRL'),
  ('GM','GMB'), ('GN','GIN'), ('GP','GLP'), ('GQ','GNQ'), ('GR','GRC'), ('GS','SGS'), ('GT','GTM'), ('GU','GUM'), ('GW','GNB'), ('GY','GUY'), ('HK','HKG'), ('HM','HMD'),
  ('HN','HND'), ('HR','HRV'), ('HT','HTI'), ('HU','HUN'), ('ID','IDN'), ('IE','IRL'), ('IL','ISR'), ('IM','IMN'), ('IN','IND'), ('IO','IOT'), ('IQ','IRQ'), ('IR','IRN'),
  ('IS','ISL'), ('IT','ITA'), ('JE','JEY'), ('JM','JAM'), ('JO','JOR'), ('JP','JPN'), ('KE','KEN'), ('KG','KGZ'), ('KH','KHM'), ('KI','KIR'), ('KM','COM'), ('KN','KNA'),
  ('KP','PRK'), ('KR','KOR'), ('KW','KWT'), ('KY','CYM'), ('KZ','KAZ'), ('LA','LAO'), ('LB','LBN'), ('LC','LCA'), ('LI','LIE'), ('LK','LKA'), ('LR','LBR'), ('LS','LSO'),
  ('LT','LTU'), ('LU','LUX'), ('LV','LVA'), ('LY','LBY'), ('MA','MAR'), ('MC','MCO'), ('MD','MDA'), ('ME','MNE'), ('MF','MAF'), ('MG','MDG'), ('MH','MHL'), ('MK','MKD'),
  ('ML','MLI'), ('MM','MMR'), ('MN','MNG'), ('MO','MAC'), ('MP','MNP'), ('MQ','MTQ'), ('MR','MRT'), ('MS','MSR'), ('MT','MLT'), ('MU','MUS'), ('MV','MDV'), ('MW','MWI'),
  ('MX','MEX'), ('MY','MYS'), ('MZ','MOZ'), ('NA','NAM'), ('NC','NCL'), ('NE','NER'), ('NF','NFK'), ('NG','NGA'), ('NI','NIC'), ('NL','NLD'), ('NO','NOR'), ('NP','NPL'),
  ('NR','NRU'), ('NU','NIU'), ('NZ','NZL'), ('OM','OMN'), ('PA','PAN'), ('PE','PER'), ('PF','PYF'), ('PG','PNG'), ('PH','PHL'), ('PK','PAK'), ('PL','POL'), ('PM','SPM'),
  ('PN','PCN'), ('PR','PRI'), ('PS','PSE'), ('PT','PRT'), ('PW','PLW'), ('PY','PRY'), ('QA','QAT'), ('RE','REU'), ('RO','ROU'), ('RS','SRB'), ('RU','RUS'), ('RW','RWA'),
  ('SA','SAU'), ('SB','SLB'), ('SC','SYC'), ('SD','SDN'), ('SE','SWE'), ('SG','SGP'), ('SH','SHN'), ('SI','SVN'), ('SJ','SJM'), ('SK','SVK'), ('SL','SLE'), ('SM','SMR'),
  ('SN','SEN'), ('SO','SOM'), ('SR','SUR'), ('SS','SSD'), ('ST','STP'), ('SV','SLV'), ('SX','SXM'), ('SY','SYR'), ('SZ','SWZ'), ('TC','TCA'), ('TD','TCD'), ('TF','ATF'),
  ('TG','TGO'), ('TH','THA'), ('TJ','TJK'), ('TK','TKL'), ('TL','TLS'), ('TM','TKM'), ('TN','TUN'), ('TO','TON'), ('TR','TUR'), ('TT','TTO'), ('TV','TUV'), ('TW','TWN'),
  ('TZ','TZA'), ('UA','UKR'), ('UG','UGA'), ('UM','UMI'), ('US','USA'), ('UY','URY'), ('UZ','UZB'), ('VA','VAT'), ('VC','VCT'), ('VE','VEN'), ('VG','VGB'), ('VI','VIR'),
  ('VN','VNM'), ('VU','VUT'), ('WF','WLF'), ('WS','WSM'), ('YE','YEM'), ('YT','MYT'), ('ZA','ZAF'), ('ZM','ZMB'), ('ZW','ZWE'), ('D','DEU'), ('UK','GBR'), ('EL','GRC'),
  ('XK','RKS'), ('AND','AND'), ('ARE','ARE'), ('AFG','AFG'), ('ATG','ATG'), ('AIA','AIA'), ('ALB','ALB'), ('ARM','ARM'), ('AGO','AGO'), ('ATA','ATA'), ('ARG','ARG'), ('ASM','ASM'),
  ('AUT','AUT'), ('AUS','AUS'), ('ABW','ABW'), ('ALA','ALA'), ('AZE','AZE'), ('BIH','BIH'), ('BRB','BRB'), ('BGD','BGD'), ('BEL','BEL'), ('BFA','BFA'), ('BGR','BGR'), ('BHR','BHR'),
  ('BDI','BDI'), ('BEN','BEN'), ('BLM','BLM'), ('BMU','BMU'), ('BRN','BRN'), ('BOL','BOL'), ('BES','BES'), ('BRA','BRA'), ('BHS','BHS'), ('BTN','BTN'), ('BVT','BVT'), ('BWA','BWA'),
  ('BLR','BLR'), ('BLZ','BLZ'), ('CAN','CAN'), ('CCK','CCK'), ('COD','COD'), ('CAF','CAF'), ('COG','COG'), ('CHE','CHE'), ('CIV','CIV'), ('COK','COK'), ('CHL','CHL'), ('CMR','CMR'),
  ('CHN','CHN'), ('COL','COL'), ('CRI','CRI'), ('CUB','CUB'), ('CPV','CPV'), ('CUW','CUW'), ('CXR','CXR'), ('CYP','CYP'), ('CZE','CZE'), ('DEU','DEU'), ('DJI','DJI'), ('DNK','DNK'),
  ('DMA','DMA'), ('DOM','DOM'), ('DZA','DZA'), ('ECU','ECU'), ('EST','EST'), ('EGY','EGY'), ('ESH','ESH'), ('ERI','ERI'), ('ESP','ESP'), ('ETH','ETH'), ('FIN','FIN'), ('FJI','FJI'),
  ('FLK','FLK'), ('FSM','FSM'), ('FRO','FRO'), ('FRA','FRA'), ('GAB','GAB'), ('GBR','GBR'), ('GRD','GRD'), ('GEO','GEO'), ('GUF','GUF'), ('GGY','GGY'), ('GHA','GHA'), ('GIB','GIB'),
  ('GRL','GRL'), ('GMB','GMB'), ('GIN','GIN'), ('GLP','GLP'), ('GNQ','GNQ'), ('GRC','GRC'), ('SGS','SGS'), ('GTM','GTM'), ('GUM','GUM'), ('GNB','GNB'), ('GUY','GUY'), ('HKG','HKG'),
  ('HMD','HMD'), ('HND','HND'), ('HRV','HRV'), ('HTI','HTI'), ('HUN','HUN'), ('IDN','IDN'), ('IRL','IRL'), ('ISR','ISR'), ('IMN','IMN'), ('IND','IND'), ('IOT','IOT'), ('IRQ','IRQ'),
  ('IRN','IRN'), ('ISL','ISL'), ('ITA','ITA'), ('JEY','JEY'), ('JAM','JAM'), ('JOR','JOR'), ('JPN','JPN'), ('KEN','KEN'), ('KGZ','KGZ'), ('KHM','KHM'), ('KIR','KIR'), ('COM','COM'),
  ('KNA','KNA'), ('PRK','PRK'), ('KOR','KOR'), ('KWT','KWT'), ('CYM','CYM'), ('KAZ','KAZ'), ('LAO','LAO'), ('LBN','LBN'), ('LCA','LCA'), ('LIE','LIE'), ('LKA','LKA'), ('LBR','LBR'),
  ('LSO','LSO'), ('LTU','LTU'), ('LUX','LUX'), ('LVA','LVA'), ('LBY','LBY'), ('MAR','MAR'), ('MCO','MCO'), ('MDA','MDA'), ('MNE','MNE'), ('MAF','MAF'), ('MDG','MDG'), ('MHL','MHL'),
  ('MKD','MKD'), ('MLI','MLI'), ('MMR','MMR'), ('MNG','MNG'), ('MAC','MAC'), ('MNP','MNP'), ('MTQ','MTQ'), ('MRT','MRT'), ('MSR','MSR'), ('MLT','MLT'), ('MUS','MUS'), ('MDV','MDV'),
  ('MWI','MWI'), ('MEX','MEX'), ('MYS','MYS'), ('MOZ','MOZ'), ('NAM','NAM'), ('NCL','NCL'), ('NER','NER'), ('NFK','NFK'), ('NGA','NGA'), ('NIC','NIC'), ('NLD','NLD'), ('NOR','NOR'),
  ('NPL','NPL'), ('NRU','NRU'), ('NIU','NIU'), ('NZL','NZL'), ('OMN','OMN'), ('PAN','PAN'), ('PER','PER'), ('PYF','PYF'), ('PNG','PNG'), ('PHL','PHL'), ('PAK','PAK'), ('POL','POL'),
  ('SPM','SPM'), ('PCN','PCN'), ('PRI','PRI'), ('PSE','PSE'), ('PRT','PRT'), ('PLW','PLW'), ('PRY','PRY'), ('QAT','QAT'), ('REU','REU'), ('ROU','ROU'), ('SRB','SRB'), ('RUS','RUS'),
  ('RWA','RWA'), ('SAU','SAU'), ('SLB','SLB'), ('SYC','SYC'), ('SDN','SDN'), ('SWE','SWE'), ('SGP','SGP'), ('SHN','SHN'), ('SVN','SVN'), ('SJM','SJM'), ('SVK','SVK'), ('SLE','SLE'),
  ('SMR','SMR'), ('SEN','SEN'), ('SOM','SOM'), ('SUR','SUR'), ('SSD','SSD'), ('STP','STP'), ('SLV','SLV'), ('SXM','SXM'), ('SYR','SYR'), ('SWZ','SWZ'), ('TCA','TCA'), ('TCD','TCD'),
  ('ATF','ATF'), ('TGO','TGO'), ('THA','THA'), ('TJK','TJK'), ('TKL','TKL'), ('TLS','TLS'), ('TKM','TKM'), ('TUN','TUN'), ('TON','TON'), ('TUR','TUR'), ('TTO','TTO'), ('TUV','TUV'),
  ('TWN','TWN'), ('TZA','TZA'), ('UKR','UKR'), ('UGA','UGA'), ('UMI','UMI'), ('USA','USA'), ('URY','URY'), ('UZB','UZB'), ('VAT','VAT'), ('VCT','VCT'), ('VEN','VEN'), ('VGB','VGB'),
  ('VIR','VIR'), ('VNM','VNM'), ('VUT','VUT'), ('WLF','WLF'), ('WSM','WSM'), ('YEM','YEM'), ('MYT','MYT'), ('ZAF','ZAF'), ('ZMB','ZMB'), ('ZWE','ZWE'), ('RKS','RKS')
) AS m(code, a3)
WHERE upper(rtrim(btrim(p."document_country"), '<')) = m.code AND p."document_country" <> m.a3;
--> statement-breakpoint
-- The same for cases (issue #13), which copy the country of their attempts.
UPDATE "cases" AS p SET "document_country" = m.a3
FROM (VALUES
  ('AD','AND'), ('AE','ARE'), ('AF','AFG'), ('AG','ATG'), ('AI','AIA'), ('AL','ALB'), ('AM','ARM'), ('AO','AGO'), ('AQ','ATA'), ('AR','ARG'), ('AS','ASM'), ('AT','AUT'),
  ('AU','AUS'), ('AW','ABW'), ('AX','ALA'), ('AZ','AZE'), ('BA','BIH'), ('BB','BRB'), ('BD','BGD'), ('BE','BEL'), ('BF','BFA'), ('BG','BGR'), ('BH','BHR'), ('BI','BDI'),
  ('BJ','BEN'), ('BL','BLM'), ('BM','BMU'), ('BN','BRN'), ('BO','BOL'), ('BQ','BES'), ('BR','BRA'), ('BS','BHS'), ('BT','BTN'), ('BV','BVT'), ('BW','BWA'), ('BY','BLR'),
  ('BZ','BLZ'), ('CA','CAN'), ('CC','CCK'), ('CD','COD'), ('CF','CAF'), ('CG','COG'), ('CH','CHE'), ('CI','CIV'), ('CK','COK'), ('CL','CHL'), ('CM','CMR'), ('CN','CHN'),
  ('CO','COL'), ('CR','CRI'), ('CU','CUB'), ('CV','CPV'), ('CW','CUW'), ('CX','CXR'), ('CY','CYP'), ('CZ','CZE'), ('DE','DEU'), ('DJ','DJI'), ('DK','DNK'), ('DM','DMA'),
  ('DO','DOM'), ('DZ','DZA'), ('EC','ECU'), ('EE','EST'), ('EG','EGY'), ('EH','ESH'), ('ER','ERI'), ('ES','ESP'), ('ET','ETH'), ('FI','FIN'), ('FJ','FJI'), ('FK','FLK'),
  ('FM','FSM'), ('FO','FRO'), ('FR','FRA'), ('GA','GAB'), ('GB','GBR'), ('GD','GRD'), ('GE','GEO'), ('GF','GUF'), ('GG','GGY'), ('GH','GHA'), ('GI','GIB'), ('GL','GRL'),
  ('GM','GMB'), ('GN','GIN'), ('GP','GLP'), ('GQ','GNQ'), ('GR','GRC'), ('GS','SGS'), ('GT','GTM'), ('GU','GUM'), ('GW','GNB'), ('GY','GUY'), ('HK','HKG'), ('HM','HMD'),
  ('HN','HND'), ('HR','HRV'), ('HT','HTI'), ('HU','HUN'), ('ID','IDN'), ('IE','IRL'), ('IL','ISR'), ('IM','IMN'), ('IN','IND'), ('IO','IOT'), ('IQ','IRQ'), ('IR','IRN'),
  ('IS','ISL'), ('IT','ITA'), ('JE','JEY'), ('JM','JAM'), ('JO','JOR'), ('JP','JPN'), ('KE','KEN'), ('KG','KGZ'), ('KH','KHM'), ('KI','KIR'), ('KM','COM'), ('KN','KNA'),
  ('KP','PRK'), ('KR','KOR'), ('KW','KWT'), ('KY','CYM'), ('KZ','KAZ'), ('LA','LAO'), ('LB','LBN'), ('LC','LCA'), ('LI','LIE'), ('LK','LKA'), ('LR','LBR'), ('LS','LSO'),
  ('LT','LTU'), ('LU','LUX'), ('LV','LVA'), ('LY','LBY'), ('MA','MAR'), ('MC','MCO'), ('MD','MDA'), ('ME','MNE'), ('MF','MAF'), ('MG','MDG'), ('MH','MHL'), ('MK','MKD'),
  ('ML','MLI'), ('MM','MMR'), ('MN','MNG'), ('MO','MAC'), ('MP','MNP'), ('MQ','MTQ'), ('MR','MRT'), ('MS','MSR'), ('MT','MLT'), ('MU','MUS'), ('MV','MDV'), ('MW','MWI'),
  ('MX','MEX'), ('MY','MYS'), ('MZ','MOZ'), ('NA','NAM'), ('NC','NCL'), ('NE','NER'), ('NF','NFK'), ('NG','NGA'), ('NI','NIC'), ('NL','NLD'), ('NO','NOR'), ('NP','NPL'),
  ('NR','NRU'), ('NU','NIU'), ('NZ','NZL'), ('OM','OMN'), ('PA','PAN'), ('PE','PER'), ('PF','PYF'), ('PG','PNG'), ('PH','PHL'), ('PK','PAK'), ('PL','POL'), ('PM','SPM'),
  ('PN','PCN'), ('PR','PRI'), ('PS','PSE'), ('PT','PRT'), ('PW','PLW'), ('PY','PRY'), ('QA','QAT'), ('RE','REU'), ('RO','ROU'), ('RS','SRB'), ('RU','RUS'), ('RW','RWA'),
  ('SA','SAU'), ('SB','SLB'), ('SC','SYC'), ('SD','SDN'), ('SE','SWE'), ('SG','SGP'), ('SH','SHN'), ('SI','SVN'), ('SJ','SJM'), ('SK','SVK'), ('SL','SLE'), ('SM','SMR'),
  ('SN','SEN'), ('SO','SOM'), ('SR','SUR'), ('SS','SSD'), ('ST','STP'), ('SV','SLV'), ('SX','SXM'), ('SY','SYR'), ('SZ','SWZ'), ('TC','TCA'), ('TD','TCD'), ('TF','ATF'),
  ('TG','TGO'), ('TH','THA'), ('TJ','TJK'), ('TK','TKL'), ('TL','TLS'), ('TM','TKM'), ('TN','TUN'), ('TO','TON'), ('TR','TUR'), ('TT','TTO'), ('TV','TUV'), ('TW','TWN'),
  ('TZ','TZA'), ('UA','UKR'), ('UG','UGA'), ('UM','UMI'), ('US','USA'), ('UY','URY'), ('UZ','UZB'), ('VA','VAT'), ('VC','VCT'), ('VE','VEN'), ('VG','VGB'), ('VI','VIR'),
  ('VN','VNM'), ('VU','VUT'), ('WF','WLF'), ('WS','WSM'), ('YE','YEM'), ('YT','MYT'), ('ZA','ZAF'), ('ZM','ZMB'), ('ZW','ZWE'), ('D','DEU'), ('UK','GBR'), ('EL','GRC'),
  ('XK','RKS'), ('AND','AND'), ('ARE','ARE'), ('AFG','AFG'), ('ATG','ATG'), ('AIA','AIA'), ('ALB','ALB'), ('ARM','ARM'), ('AGO','AGO'), ('ATA','ATA'), ('ARG','ARG'), ('ASM','ASM'),
  ('AUT','AUT'), ('AUS','AUS'), ('ABW','ABW'), ('ALA','ALA'), ('AZE','AZE'), ('BIH','BIH'), ('BRB','BRB'), ('BGD','BGD'), ('BEL','BEL'), ('BFA','BFA'), ('BGR','BGR'), ('BHR','BHR'),
  ('BDI','BDI'), ('BEN','BEN'), ('BLM','BLM'), ('BMU','BMU'), ('BRN','BRN'), ('BOL','BOL'), ('BES','BES'), ('BRA','BRA'), ('BHS','BHS'), ('BTN','BTN'), ('BVT','BVT'), ('BWA','BWA'),
  ('BLR','BLR'), ('BLZ','BLZ'), ('CAN','CAN'), ('CCK','CCK'), ('COD','COD'), ('CAF','CAF'), ('COG','COG'), ('CHE','CHE'), ('CIV','CIV'), ('COK','COK'), ('CHL','CHL'), ('CMR','CMR'),
  ('CHN','CHN'), ('COL','COL'), ('CRI','CRI'), ('CUB','CUB'), ('CPV','CPV'), ('CUW','CUW'), ('CXR','CXR'), ('CYP','CYP'), ('CZE','CZE'), ('DEU','DEU'), ('DJI','DJI'), ('DNK','DNK'),
  ('DMA','DMA'), ('DOM','DOM'), ('DZA','DZA'), ('ECU','ECU'), ('EST','EST'), ('EGY','EGY'), ('ESH','ESH'), ('ERI','ERI'), ('ESP','ESP'), ('ETH','ETH'), ('FIN','FIN'), ('FJI','FJI'),
  ('FLK','FLK'), ('FSM','FSM'), ('FRO','FRO'), ('FRA','FRA'), ('GAB','GAB'), ('GBR','GBR'), ('GRD','GRD'), ('GEO','GEO'), ('GUF','GUF'), ('GGY','GGY'), ('GHA','GHA'), ('GIB','GIB'),
  ('GRL','GRL'), ('GMB','GMB'), ('GIN','GIN'), ('GLP','GLP'), ('GNQ','GNQ'), ('GRC','GRC'), ('SGS','SGS'), ('GTM','GTM'), ('GUM','GUM'), ('GNB','GNB'), ('GUY','GUY'), ('HKG','HKG'),
  ('HMD','HMD'), ('HND','HND'), ('HRV','HRV'), ('HTI','HTI'), ('HUN','HUN'), ('IDN','IDN'), ('IRL','IRL'), ('ISR','ISR'), ('IMN','IMN'), ('IND','IND'), ('IOT','IOT'), ('IRQ','IRQ'),
  ('IRN','IRN'), ('ISL','ISL'), ('ITA','ITA'), ('JEY','JEY'), ('JAM','JAM'), ('JOR','JOR'), ('JPN','JPN'), ('KEN','KEN'), ('KGZ','KGZ'), ('KHM','KHM'), ('KIR','KIR'), ('COM','COM'),
  ('KNA','KNA'), ('PRK','PRK'), ('KOR','KOR'), ('KWT','KWT'), ('CYM','CYM'), ('KAZ','KAZ'), ('LAO','LAO'), ('LBN','LBN'), ('LCA','LCA'), ('LIE','LIE'), ('LKA','LKA'), ('LBR','LBR'),
  ('LSO','LSO'), ('LTU','LTU'), ('LUX','LUX'), ('LVA','LVA'), ('LBY','LBY'), ('MAR','MAR'), ('MCO','MCO'), ('MDA','MDA'), ('MNE','MNE'), ('MAF','MAF'), ('MDG','MDG'), ('MHL','MHL'),
  ('MKD','MKD'), ('MLI','MLI'), ('MMR','MMR'), ('MNG','MNG'), ('MAC','MAC'), ('MNP','MNP'), ('MTQ','MTQ'), ('MRT','MRT'), ('MSR','MSR'), ('MLT','MLT'), ('MUS','MUS'), ('MDV','MDV'),
  ('MWI','MWI'), ('MEX','MEX'), ('MYS','MYS'), ('MOZ','MOZ'), ('NAM','NAM'), ('NCL','NCL'), ('NER','NER'), ('NFK','NFK'), ('NGA','NGA'), ('NIC','NIC'), ('NLD','NLD'), ('NOR','NOR'),
  ('NPL','NPL'), ('NRU','NRU'), ('NIU','NIU'), ('NZL','NZL'), ('OMN','OMN'), ('PAN','PAN'), ('PER','PER'), ('PYF','PYF'), ('PNG','PNG'), ('PHL','PHL'), ('PAK','PAK'), ('POL','POL'),
  ('SPM','SPM'), ('PCN','PCN'), ('PRI','PRI'), ('PSE','PSE'), ('PRT','PRT'), ('PLW','PLW'), ('PRY','PRY'), ('QAT','QAT'), ('REU','REU'), ('ROU','ROU'), ('SRB','SRB'), ('RUS','RUS'),
  ('RWA','RWA'), ('SAU','SAU'), ('SLB','SLB'), ('SYC','SYC'), ('SDN','SDN'), ('SWE','SWE'), ('SGP','SGP'), ('SHN','SHN'), ('SVN','SVN'), ('SJM','SJM'), ('SVK','SVK'), ('SLE','SLE'),
  ('SMR','SMR'), ('SEN','SEN'), ('SOM','SOM'), ('SUR','SUR'), ('SSD','SSD'), ('STP','STP'), ('SLV','SLV'), ('SXM','SXM'), ('SYR','SYR'), ('SWZ','SWZ'), ('TCA','TCA'), ('TCD','TCD'),
  ('ATF','ATF'), ('TGO','TGO'), ('THA','THA'), ('TJK','TJK'), ('TKL','TKL'), ('TLS','TLS'), ('TKM','TKM'), ('TUN','TUN'), ('TON','TON'), ('TUR','TUR'), ('TTO','TTO'), ('TUV','TUV'),
  ('TWN','TWN'), ('TZA','TZA'), ('UKR','UKR'), ('UGA','UGA'), ('UMI','UMI'), ('USA','USA'), ('URY','URY'), ('UZB','UZB'), ('VAT','VAT'), ('VCT','VCT'), ('VEN','VEN'), ('VGB','VGB'),
  ('VIR','VIR'), ('VNM','VNM'), ('VUT','VUT'), ('WLF','WLF'), ('WSM','WSM'), ('YEM','YEM'), ('MYT','MYT'), ('ZAF','ZAF'), ('ZMB','ZMB'), ('ZWE','ZWE'), ('RKS','RKS')
) AS m(code, a3)
WHERE upper(rtrim(btrim(p."document_country"), '<')) = m.code AND p."document_country" <> m.a3;
--> statement-breakpoint
-- Provider-health sentinel: the latest verdict per provider and process type ('' when the process has none).
CREATE TABLE "provider_health" (
	"provider" text NOT NULL,
	"process_type" text DEFAULT '' NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"window" jsonb NOT NULL,
	"baseline" jsonb NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"test" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"alert_since" timestamp with time zone,
	CONSTRAINT "provider_health_pk" PRIMARY KEY("provider","process_type")
);
--> statement-breakpoint
-- When each scheduled job last completed (e.g. the sentinel's computedAt, even when no provider had traffic).
CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
-- Outgoing notifications (e-mail, webhook): one row per message and channel; the dedupe key makes a second
-- insert for the same alert episode a no-op, whichever instance tries.
CREATE TABLE "notification_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"channel" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"gave_up_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "notification_outbox_dedupe" UNIQUE("dedupe_key","channel")
);
--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("next_attempt_at") WHERE delivered_at IS NULL AND gave_up_at IS NULL;
