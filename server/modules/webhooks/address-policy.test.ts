// Which addresses a webhook may reach: public ones only, whatever notation hides a private one.
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateAddress } from './address-policy';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fec0::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:0:7f00:1', '::7f00:1', '::127.0.0.1',
    '64:ff9b::a9fe:a9fe', '64:ff9b::10.0.0.1', '64:ff9b:1::1',
    '2002:7f00:1::', '2002:c0a8:101::1', '2001::1', '2001:0:4136:e378::1', '2001:db8::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('checkWebhookUrl', () => {
  it('accepts a public literal address and refuses credentials and other schemes', async () => {
    await expect(checkWebhookUrl('https://8.8.8.8/hook', false)).resolves.toBe('https://8.8.8.8/hook');
    await expect(checkWebhookUrl('https://[2606:4700:4700::1111]/hook', false)).resolves.toBeDefined();
    await expect(checkWebhookUrl('https://u:p@8.8.8.8/hook', false)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(checkWebhookUrl('file:///etc/passwd', false)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses an IPv6 literal hiding the metadata address', async () => {
    await expect(checkWebhookUrl('http://[64:ff9b::a9fe:a9fe]/latest', false)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(checkWebhookUrl('http://[::ffff:169.254.169.254]/latest', false)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
