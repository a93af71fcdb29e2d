import { describe, expect, it } from "vitest";
import { isAllowedHost, isPublicAddress, outboundHostOf } from "./outbound";

describe("where the server may send requests", () => {
  it("never to loopback, private, link-local, unspecified, shared or multicast addresses, in any spelling", () => {
    const internal = [
      "http://127.0.0.1:6379",
      "http://127.1.2.3/",
      "http://2130706433:6379", // 127.0.0.1 as one number
      "http://0x7f000001/",
      "http://0177.0.0.1/",
      "http://0.0.0.0:5432",
      "http://[::1]:6379",
      "http://[::]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:7f00:1]/",
      "http://[0:0:0:0:0:ffff:a00:1]/", // 10.0.0.1 mapped
      "http://10.0.0.1/",
      "http://172.16.5.4/",
      "http://172.31.255.255/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://[fe80::1]/",
      "http://[fc00::1]/",
      "http://[fd12:3456::1]/",
      "http://100.64.0.1/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
    ];
    for (const address of internal) {
      const host = outboundHostOf(address);
      expect(host, address).not.toBeNull();
      expect(isPublicAddress(host!), address).toBe(false);
    }
  });

  it("to public addresses", () => {
    for (const address of ["http://8.8.8.8/", "https://1.1.1.1/", "http://[2001:4860:4860::8888]/", "http://172.32.0.1/"]) {
      expect(isPublicAddress(outboundHostOf(address)!), address).toBe(true);
    }
  });

  it("over http(s) only, without credentials; a name is not an address until resolved", () => {
    for (const address of [
      "ftp://example.com/",
      "file:///etc/passwd",
      "gopher://127.0.0.1:6379/",
      "http://user:pw@example.com/",
      "not a url",
    ]) {
      expect(outboundHostOf(address), address).toBeNull();
    }
    expect(outboundHostOf("https://Partner.Example.gov.cn:8443/x")).toBe("partner.example.gov.cn");
    expect(isPublicAddress("partner.example.gov.cn")).toBe(false);
    expect(isAllowedHost("Partner.Example.gov.cn", ["partner.example.gov.cn"])).toBe(true);
  });
});
