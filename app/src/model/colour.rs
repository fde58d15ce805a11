//! Colours `#rrggbb`, and their contrast as WCAG 2 measures it: an embed's colour chosen
//! by a partner, the kit's identity chosen by the département.

/// A colour `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour([u8; 3]);

impl Colour {
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Black or white, whichever reads better on this colour: the better of the two always
    /// reaches the 4.5:1 contrast of RGAA/WCAG AA, whatever colour the partner picks.
    pub fn text_colour(self) -> &'static str {
        let l = self.luminance();
        let on_white = 1.05 / (l + 0.05);
        let on_black = (l + 0.05) / 0.05;
        if on_white >= on_black {
            "#ffffff"
        } else {
            "#000000"
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
}

impl std::str::FromStr for Colour {
    type Err = String;

    fn from_str(value: &str) -> Result<Colour, String> {
        let hex = value.trim().trim_start_matches('#');
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(|| format!("« {value} » : couleur #rrggbb attendue"))?;
        match digits[..] {
            [r, g, b] => Ok(Colour([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Ok(Colour([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => Err(format!("« {value} » : couleur #rrggbb attendue")),
        }
    }
}

impl Colour {
    pub const fn new(r: u8, g: u8, b: u8) -> Colour {
        Colour([r, g, b])
    }

    pub fn rgb(self) -> [u8; 3] {
        self.0
    }

    /// WCAG 2 contrast ratio, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl<'de> serde::Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Colour;

    #[test]
    fn contrast_is_wcag_s() {
        let white = Colour::new(255, 255, 255);
        assert!((Colour::new(0, 0, 0).contrast(white) - 21.0).abs() < 0.01);
        let blue: Colour = "#1d3f72".parse().unwrap();
        assert!(blue.contrast(white) > 10.0 && blue.contrast(white) < 11.0);
        assert_eq!(white.contrast(white), 1.0);
    }
}
