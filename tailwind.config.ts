import type { Config } from "tailwindcss";
import typography from "@tailwindcss/typography";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        ink: { DEFAULT: "#1c1917", soft: "#44403c" },
        brand: { 50: "#f3f6f4", 100: "#e1ebe4", 600: "#2f6b4f", 700: "#25563f", 800: "#1d4432" },
      },
    },
  },
  plugins: [typography],
} satisfies Config;
