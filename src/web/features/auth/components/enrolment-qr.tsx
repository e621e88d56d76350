import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The otpauth:// URL as a QR code for an authenticator app (an SVG, so no canvas and nothing sent anywhere). */
export function EnrolmentQr({ otpauthUrl }: { otpauthUrl: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [otpauthUrl]);
  return src ? (
    <img
      className="enrolment-qr"
      src={src}
      alt="QR code to scan with your authenticator app"
      width={200}
      height={200}
    />
  ) : null;
}
