export type ViewerPhoto = { id: string; url: string; thumbUrl: string; width: number; height: number; alt: string };
export type ViewerPin = {
  id: string;
  photoId: string;
  number: number;
  x: number;
  y: number;
  comment: string;
  criterionTitle?: string | null;
};
