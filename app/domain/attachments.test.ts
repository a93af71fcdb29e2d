import { describe, expect, it } from "vitest";
import { attachmentProblem, defaultKindFor, extensionOf, sniffContent } from "./attachments";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...part].map((c) => c.charCodeAt(0)) : part)));

const SAMPLES: [string, Uint8Array, string, string][] = [
  ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe1, 0, 0]), "现场.jpg", "image/jpeg"],
  ["PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "扫描.png", "image/png"],
  ["WebP", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "a.webp", "image/webp"],
  ["HEIC from a phone", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0]), "IMG_0001.HEIC", "image/heic"],
  ["PDF", bytes("%PDF-1.7\n"), "来信.pdf", "application/pdf"],
  ["MP3 with ID3", bytes("ID3", [4, 0, 0]), "录音.mp3", "audio/mpeg"],
  ["MP3 frame", bytes([0xff, 0xfb, 0x90, 0x64]), "录音.mp3", "audio/mpeg"],
  ["M4A", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0]), "通话.m4a", "audio/mp4"],
  ["AAC (ADTS)", bytes([0xff, 0xf1, 0x50, 0x80]), "通话.aac", "audio/aac"],
  ["WAV", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "), "a.wav", "audio/wav"],
  ["AMR as Chinese phones record calls", bytes("#!AMR\n", [0x3c]), "通话录音.amr", "audio/amr"],
  [
    "Word",
    bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]),
    "整改报告.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ],
  [
    "Excel",
    bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]),
    "监测数据.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
  ["old Word", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "a.doc", "application/msword"],
];

describe("attachments are judged by their content", () => {
  for (const [label, head, name, mime] of SAMPLES) {
    it(`recognises ${label}`, () => {
      const type = sniffContent(head, name);
      expect(type?.mime).toBe(mime);
      expect(
        attachmentProblem({ fileName: name, size: 100, type, maxFileBytes: 1000, caseBytesLeft: 1000, hourBytesLeft: 1000 }),
      ).toBeNull();
    });
  }

  it("refuses what is none of them: a script, an executable, a ZIP that is not an office file, a video", () => {
    for (const [head, name] of [
      [bytes("<script>alert(1)</script>"), "photo.jpg"],
      [bytes([0x4d, 0x5a, 0x90, 0]), "setup.exe"],
      [bytes([0x50, 0x4b, 0x03, 0x04]), "archive.zip"],
      [bytes([0, 0, 0, 0x18], "ftypqt  "), "movie.mov"],
    ] as const) {
      const type = sniffContent(head, name);
      expect(type).toBeNull();
      expect(
        attachmentProblem({ fileName: name, size: 10, type, maxFileBytes: 1000, caseBytesLeft: 1000, hourBytesLeft: 1000 }),
      ).toBe("unsupportedType");
    }
  });

  it("refuses a file whose name claims another type than its content", () => {
    const type = sniffContent(bytes("%PDF-1.4"), "photo.jpg");
    expect(
      attachmentProblem({ fileName: "photo.jpg", size: 10, type, maxFileBytes: 1000, caseBytesLeft: 1000, hourBytesLeft: 1000 }),
    ).toBe("nameMismatch");
  });

  it("accepts a photo without an extension, as some phones send it", () => {
    const type = sniffContent(bytes([0xff, 0xd8, 0xff]), "image");
    expect(
      attachmentProblem({ fileName: "image", size: 10, type, maxFileBytes: 1000, caseBytesLeft: 1000, hourBytesLeft: 1000 }),
    ).toBeNull();
  });

  it("refuses an empty file, one over the per-file limit, one the case has no room left for, and one past the uploader's hour", () => {
    const type = sniffContent(bytes([0xff, 0xd8, 0xff]), "a.jpg");
    const check = (size: number, caseBytesLeft = 1000, hourBytesLeft = 1000) =>
      attachmentProblem({ fileName: "a.jpg", size, type, maxFileBytes: 1000, caseBytesLeft, hourBytesLeft });
    expect(check(0)).toBe("empty");
    expect(check(1000)).toBeNull();
    expect(check(1001)).toBe("tooLarge");
    expect(check(600, 500)).toBe("caseFull");
    expect(check(600, 1000, 600)).toBeNull();
    expect(check(601, 1000, 600)).toBe("hourlyBudget");
  });

  it("reads extensions case-insensitively", () => {
    expect(extensionOf("IMG_0001.HEIC")).toBe("heic");
    expect(extensionOf("无扩展名")).toBe("");
  });

  it("suggests the kind from the step and the content", () => {
    expect(defaultKindFor("onSite", "image")).toBe("sitePhoto");
    expect(defaultKindFor("submit", "image")).toBe("rectificationPhoto");
    expect(defaultKindFor("note", "audio")).toBe("recording");
    expect(defaultKindFor("concludeMediation", "pdf")).toBe("agreement");
    expect(defaultKindFor("register", "document")).toBe("other");
  });
});
