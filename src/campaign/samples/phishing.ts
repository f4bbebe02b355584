/**
 * Hand-written credential-phishing seeds, shaped like the lures vendors report every year: an account-limited
 * notice with a login button, a bank "unusual sign-in" with an inline form, a password-expiry notice in plain text,
 * a parcel fee with a link to a bare IP host, a failed-payment notice in a base64-encoded HTML alternative.
 * Every domain is reserved (RFC 2606 / RFC 6761) and every address is in a documentation range (RFC 5737), so
 * nothing here points at a real site. The brand names are the ones brand-name removal drops.
 */
import type { TargetInput } from '../../contracts/target.js';

const PAYPAL_LIMITED = `From: "PayPal Service" <service@paypal-notice.example>
To: customer@example.com
Subject: Your PayPal account has been limited
Date: Mon, 02 Jun 2025 09:14:00 +0000
Message-ID: <limited-2291@paypal-notice.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><head><title>PayPal</title></head>
<body style="font-family: Arial, sans-serif; color: #222222;">
<p>Dear PayPal customer,</p>
<p>We noticed unusual activity on your account and have temporarily limited what you can do with it.</p>
<p>To restore full access, please verify your account information within 24 hours.</p>
<p><a href="https://www.paypal.example/signin/verify?case=PP-2291" style="background:#0070ba;color:#ffffff;padding:8px 16px;">Log in to PayPal</a></p>
<p>If you do not verify your account, it will be permanently suspended.</p>
<p>Thank you,<br>The PayPal Team</p>
</body></html>
`;

const CONTOSO_FORM = `From: Contoso Bank Security <security@contoso-bank.example>
To: j.doe@example.org
Subject: Unusual sign-in to your Contoso Bank account
Date: Tue, 03 Jun 2025 17:40:12 +0000
Message-ID: <signin-8841@contoso-bank.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-contoso-01"

--alt-contoso-01
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

We detected an unusual sign-in to your Contoso Bank account.
Confirm your identity to keep your account active: https://secure.contoso-bank.example/verify
Contoso Bank Security

--alt-contoso-01
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><body>
<h2>Contoso Bank</h2>
<p>We detected an unusual sign-in to your Contoso Bank account.</p>
<p>Confirm your identity below to keep your account active.</p>
<form action="https://secure.contoso-bank.example/verify" method="post">
<p>User ID <input type="text" name="user"></p>
<p>Password <input type="password" name="pass"></p>
<p><input type="submit" value="Sign in"></p>
</form>
<p>Or sign in at <a href="https://secure.contoso-bank.example/verify">our secure site</a>.</p>
<p>Contoso Bank Security</p>
</body></html>

--alt-contoso-01--
`;

const MS365_PASSWORD = `From: Microsoft 365 <no-reply@m365-alerts.example>
To: jdoe@example.net
Subject: Your Microsoft 365 password expires today
Date: Wed, 04 Jun 2025 06:02:44 +0000
Message-ID: <pwd-exp-5512@m365-alerts.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hello jdoe,

The password for your Microsoft 365 account expires today.
Keep your current password by confirming it here:
https://login.microsoft365.example/reset?u=jdoe

If you ignore this message your mailbox will be locked.

Microsoft 365 Admin Center
`;

const DHL_FEE = `From: DHL Express <tracking@dhl-delivery.test>
To: customer@example.com
Subject: DHL: your parcel is waiting, customs fee unpaid
Date: Thu, 05 Jun 2025 11:25:00 +0000
Message-ID: <parcel-7731@dhl-delivery.test>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><body>
<p>Your DHL parcel 7731-0042 is held at our depot because a customs fee of 2.99 =
EUR is unpaid.</p>
<p>Pay the fee now to schedule delivery: <a href=3D"http://203.0.113.45/dhl/pay=
?ref=3D7731">pay the customs fee</a></p>
<p>Parcels not released within 48 hours are returned to the sender.</p>
<p>DHL Express Customer Service</p>
</body></html>
`;

const NETFLIX_HTML = `<html><body>
<p>Hi there,</p>
<p>We could not process your last payment, so your Netflix membership is on hold.</p>
<p>Update your payment details to keep watching: <a href="https://netflix.example/account/payment">update payment</a></p>
<p>The Netflix Team</p>
</body></html>
`;

const NETFLIX_PAYMENT = `From: Netflix <info@netflix-billing.example>
To: viewer@example.org
Subject: Payment declined - update your Netflix details
Date: Fri, 06 Jun 2025 20:11:09 +0000
Message-ID: <billing-3310@netflix-billing.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="nf-alt"

--nf-alt
Content-Type: text/plain; charset=utf-8

We could not process your last payment, so your Netflix membership is on hold.
Update your payment details: https://netflix.example/account/payment
The Netflix Team

--nf-alt
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

${Buffer.from(NETFLIX_HTML, 'utf8')
  .toString('base64')
  .replace(/(.{76})/g, '$1\n')
  .trim()}

--nf-alt--
`;

export const PHISHING_SEEDS: readonly TargetInput[] = [
  { id: 'phish/paypal-limited', content: PAYPAL_LIMITED },
  { id: 'phish/contoso-bank-form', content: CONTOSO_FORM },
  { id: 'phish/microsoft-365-password', content: MS365_PASSWORD },
  { id: 'phish/dhl-parcel-fee', content: DHL_FEE },
  { id: 'phish/netflix-payment', content: NETFLIX_PAYMENT },
];

export function phishingSeed(id: string): TargetInput {
  const seed = PHISHING_SEEDS.find((s) => s.id === id);
  if (!seed) throw new Error(`unknown phishing seed '${id}' (have: ${PHISHING_SEEDS.map((s) => s.id).join(', ')})`);
  return seed;
}
