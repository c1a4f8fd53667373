-- medcheck seed 17: names as prescriptions write them (clinical reference 2.5, contract v2 decision 15).
-- Single-strength brands carry unit_strength: mg per tablet/caplet in the drug's written terms
-- (naproxen sodium as the sodium salt; 2.3 converts it to naproxen base), so "Anaprox DS 1 tablet
-- bid" is 550 mg naproxen sodium = 500 mg naproxen per dose. Only strengths the reference gives.
-- Not seeded (no catalogue form or no strength in the reference): Tylenol 8 HR / Tylenol Arthritis
-- (acetaminophen ER 650 mg: no extended-release acetaminophen key), co-codamol (UK codeine/
-- paracetamol 8/500, 15/500, 30/500: UNVERIFIED in 2.5 and no such product in the catalogue), bare
-- Motrin (prescription strengths 400-800 mg; only Motrin IB is 200 mg). Multi-strength brands
-- (Norco, Percocet, Vicodin, Tylenol with Codeine) are named with their strength in 15_products.sql;
-- written without one they are unverifiable and the checker lists the strengths it knows.
-- Salt, dose-form, release and route words (hcl, sulfate, ER, IV ...) are one reviewed table in
-- src/medcheck/check/product_name.cpp (k_name_words), from 2.5.
INSERT INTO drug_name (name, drug, kind, unit_strength, source) VALUES
    ('advil', 'ibuprofen', 'brand', 200, 'clinical reference 2.2, 2.5 (Advil: ibuprofen 200 mg) [LBL-NSAID]'),
    ('motrin ib', 'ibuprofen', 'brand', 200, 'clinical reference 2.5 (Motrin IB: ibuprofen 200 mg) [LBL-NSAID]'),
    ('aleve', 'naproxen_sodium', 'brand', 220, 'clinical reference 2.2, 2.5 (Aleve: naproxen sodium 220 mg = naproxen 200 mg) [LBL-NSAID][OTC-NAP]'),
    ('anaprox', 'naproxen_sodium', 'brand', 275, 'clinical reference 2.3 (Anaprox: naproxen sodium 275 mg = naproxen 250 mg) [LBL-NSAID]'),
    ('anaprox ds', 'naproxen_sodium', 'brand', 550, 'clinical reference 2.2, 2.3, 2.5 (Anaprox DS: naproxen sodium 550 mg = naproxen 500 mg) [LBL-NSAID]'),
    ('tylenol regular strength', 'acetaminophen', 'brand', 325, 'clinical reference 2.5 (Tylenol Regular Strength: acetaminophen 325 mg) [LBL-APAP]'),
    ('tylenol regular', 'acetaminophen', 'brand', 325, 'clinical reference 2.5 (Tylenol Regular Strength: acetaminophen 325 mg) [LBL-APAP]'),
    ('tylenol extra strength', 'acetaminophen', 'brand', 500, 'clinical reference 2.5, 10 (Tylenol Extra Strength: acetaminophen 500 mg) [LBL-APAP][OTC-APAP]');

-- International nonproprietary names and abbreviations (APAP is in 10_drugs.sql).
INSERT INTO drug_name (name, drug, kind, source) VALUES
    ('paracetamol', 'acetaminophen', 'generic', 'clinical reference 2.5 (paracetamol: INN of acetaminophen) [LBL-APAP]');
