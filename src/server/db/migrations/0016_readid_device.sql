-- The device a ReadID attempt ran on ("Nordlys NL-5 Pro, Android 14": make, model, platform and version, no
-- identifier), read from session.json when the full result is opened; the attempt diff compares it.
ALTER TABLE "processes" ADD COLUMN "device" text;
