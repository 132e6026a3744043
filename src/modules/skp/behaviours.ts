/** The seven BerAKHLAK core values of ASN (SE MenPANRB 20/2021), in the order of the SKP form. */
export const BEHAVIOURS = [
  {
    code: 'berorientasi_pelayanan',
    id: 'Berorientasi Pelayanan',
    en: 'Service-oriented',
    describe: 'Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif, dan dapat diandalkan.',
  },
  {
    code: 'akuntabel',
    id: 'Akuntabel',
    en: 'Accountable',
    describe:
      'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi.',
  },
  {
    code: 'kompeten',
    id: 'Kompeten',
    en: 'Competent',
    describe:
      'Terus belajar dan mengembangkan kapabilitas; membantu orang lain belajar; melaksanakan tugas dengan kualitas terbaik.',
  },
  {
    code: 'harmonis',
    id: 'Harmonis',
    en: 'Harmonious',
    describe:
      'Menghargai setiap orang apa pun latar belakangnya; suka menolong; membangun lingkungan kerja yang kondusif.',
  },
  {
    code: 'loyal',
    id: 'Loyal',
    en: 'Loyal',
    describe:
      'Memegang teguh Pancasila, UUD 1945, NKRI dan pemerintahan yang sah; menjaga nama baik dan rahasia jabatan.',
  },
  {
    code: 'adaptif',
    id: 'Adaptif',
    en: 'Adaptive',
    describe:
      'Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan kreativitas; bertindak proaktif.',
  },
  {
    code: 'kolaboratif',
    id: 'Kolaboratif',
    en: 'Collaborative',
    describe:
      'Memberi kesempatan berkontribusi; terbuka bekerja sama untuk nilai tambah; menggerakkan pemanfaatan sumber daya bersama.',
  },
] as const;

export type BehaviourCode = (typeof BEHAVIOURS)[number]['code'];
export const BEHAVIOUR_CODES = BEHAVIOURS.map((b) => b.code) as [BehaviourCode, ...BehaviourCode[]];
