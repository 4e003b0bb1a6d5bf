"""The warta sample corpus, written for the project (Apache-2.0).

Every story is fiction: the places and organisations are real, the people,
figures and quotes are invented. Each article is written once, as its clean
sentences, with the noise of real scrapes marked in place; build_corpus.py
renders the noisy files and the gold from it. Markup is explained there.

Body items:
    "sentence || sentence"      one paragraph; " || " separates gold sentences
    "... {FRAG}"                the article's `fragment` is injected after the paragraph
    ("baca_juga", line)          a boilerplate line (kind = removal reason suffix)
    ("title", line)              the title (or a prefix of it) repeated as a line
    ("repeat", i)                body item i repeated verbatim (a repeated sentence)
"""

ID = "rss-2024-11-id.jsonl"
EN = "rss-2024-11-en.jsonl"
BROKEN_FILE = "scrape-broken.jsonl"

ARTICLES = [
    # ------------------------------------------------------------------ txt
    dict(
        id="id-ekonomi-rupiah", fmt="txt", lang="id",
        url="https://money.kompas.example/read/2024/11/20/rupiah-ditutup-melemah",
        title="Rupiah Ditutup Melemah ke Rp15.870 per Dolar AS, IHSG Turun 0,8 Persen",
        dateline="JAKARTA, KOMPAS.com -",
        body=[
            "Nilai tukar rupiah terhadap dolar Amerika Serikat ditutup melemah di pasar spot pada perdagangan Rabu (20/11/2024). || "
            "Mengutip data Bloomberg, rupiah berakhir di level Rp15.870 per dolar AS, turun 45 poin atau 0,28 persen dibandingkan penutupan sehari sebelumnya.",
            ("baca_juga", "Baca juga: Harga Emas Antam Hari Ini Naik Rp8.000 per Gram"),
            "Pelemahan rupiah terjadi seiring menguatnya indeks dolar AS setelah data tenaga kerja Amerika Serikat keluar di atas perkiraan pasar. || "
            "Kurs referensi Bank Indonesia, Jisdor, juga bergerak turun ke posisi Rp15.862 per dolar AS.",
            "“Investor masih menahan diri menjelang pengumuman suku bunga acuan oleh{.} Bank Indonesia pada Kamis besok,” kata analis pasar uang PT Mandiri Sekuritas, Dimas Prasetyo, di Jakarta. || "
            "Ia memperkirakan rupiah akan bergerak di rentang Rp15.820 sampai Rp15.900 per dolar AS pada perdagangan berikutnya.",
            "Dari pasar saham, Indeks Harga Saham Gabungan (IHSG) di Bursa Efek Indonesia ditutup turun 0,8 persen ke level 7.195,63. || "
            "Nilai transaksi harian tercatat Rp10,2 triliun dengan volume 18,4 miliar saham.",
            ("baca_juga", "Baca juga: Daftar Saham yang Paling Banyak Dilepas Asing Pekan Ini"),
            "Investor asing mencatatkan jual bersih sebesar Rp1,1 triliun di seluruh pasar. || "
            "Saham sektor perbankan menjadi penekan utama, sementara saham energi justru menguat di tengah kenaikan harga batu bara.",
            "Bank Indonesia dijadwalkan mengumumkan hasil Rapat Dewan Gubernur pada Kamis (21/11/2024) pukul 14.30 WIB. || "
            "Sebagian besar ekonom memperkirakan BI Rate tetap di level 6 persen.",
            ("editor", "Editor: Rina Wulandari"),
        ],
        entities=[("Amerika Serikat", "LOC"), ("Bloomberg", "ORG"), ("Bank Indonesia", "ORG"),
                  ("PT Mandiri Sekuritas", "ORG"), ("Dimas Prasetyo", "PER"), ("Jakarta", "LOC"),
                  ("Bursa Efek Indonesia", "ORG")],
    ),
    dict(
        # Built on the seed's shape: truncated title repeated as a line, one
        # fragment injected five times (it is also the prefix of a real
        # sentence), spurious stops, split passive prefixes, curly quotes, dashes.
        id="id-politik-kabinet", fmt="txt", lang="id",
        title="Menteri Luar Negeri bertolak ke Tokyo untuk ‘memperkuat’ kerja sama energi bersih",
        fragment="Namun pembahasan soal pendanaan masih tertunda di.",
        body=[
            "Menteri Luar Negeri Arif Santosa akan bertemu dengan para pejabat Jepang di Tokyo pada hari Senin dalam lawatan tiga hari yang juga mencakup kunjungan ke Osaka, ketika Jakarta berupaya menarik investasi energi bersih di tengah melemahnya permintaan global.",
            "Arif, yang baru sebulan menjabat, akan bertemu dengan Perdana Menteri Jepang dan mengadakan pembicaraan mengenai pendanaan transisi energi serta kerja sama maritim dengan{.} Menteri Luar Negeri Jepang, kata Kementerian Luar Negeri dalam keterangan tertulis pada hari Minggu.",
            "Arif tiba di Bandara Haneda pada Minggu malam, di mana ia {di+sambut} oleh Duta Besar Indonesia untuk Jepang dan sejumlah pejabat kedutaan.",
            "“Hubungan Indonesia–Jepang telah memasuki babak baru, dengan kepercayaan yang lebih kuat, perdagangan yang terus tumbuh, investasi yang nyata, dan kerja sama pendidikan yang semakin luas,” kata Arif dalam pernyataan yang {di+keluarkan} setibanya di sana{.} menambahkan bahwa kunjungan itu bertujuan untuk “membuka peluang baru bagi industri hijau.”",
            ("title", "Menteri Luar Negeri bertolak ke Tokyo"),
            "Kunjungan tersebut – yang merupakan bagian dari rangkaian lawatan ke Asia Timur – merupakan kunjungan pertama menteri luar negeri{.} Indonesia ke Jepang sejak pelantikan kabinet baru pada Oktober lalu. {FRAG}",
            "Jepang merupakan salah satu investor terbesar di{.} Indonesia, dengan nilai penanaman modal mencapai 4,6 miliar dolar AS sepanjang tahun lalu. || "
            "Sebagian besar investasi itu mengalir ke sektor otomotif, kimia, dan infrastruktur. {FRAG}",
            "Pekan lalu, juru bicara Kementerian Luar Negeri mengatakan bahwa Indonesia ingin “memastikan proyek yang sudah disepakati benar-benar berjalan,” dengan menyebut{.} pembangkit listrik panas bumi dan jaringan transmisi sebagai prioritas. {FRAG}",
            "Kedua pihak juga membahas rencana pembiayaan untuk pensiun dini pembangkit listrik tenaga uap, teknologi penangkapan karbon, serta pelatihan tenaga kerja. || "
            "Namun pembahasan soal pendanaan masih tertunda di{.} tingkat teknis dan akan dilanjutkan bulan depan. {FRAG}",
            "Dari Tokyo, Arif dijadwalkan melanjutkan perjalanan ke Osaka untuk bertemu dengan kalangan pengusaha dan asosiasi industri di wilayah Kansai. {FRAG}",
        ],
        entities=[("Arif Santosa", "PER"), ("Jepang", "LOC"), ("Tokyo", "LOC"), ("Osaka", "LOC"),
                  ("Jakarta", "LOC"), ("Arif", "PER"), ("Kementerian Luar Negeri", "ORG"),
                  ("Bandara Haneda", "LOC"), ("Indonesia", "LOC"), ("Asia Timur", "LOC"),
                  ("Kansai", "LOC")],
    ),
    dict(
        id="id-olahraga-persib", fmt="txt", lang="id",
        title="Persib Bandung Tundukkan Persija 2-1 di Stadion Si Jalak Harupat",
        dateline="Liputan6.com, Bandung -",
        body=[
            "Persib Bandung meraih kemenangan 2-1 atas Persija Jakarta dalam laga pekan ke-12 Liga 1 yang digelar di Stadion Si Jalak Harupat, Kabupaten Bandung, Sabtu (23/11/2024) malam. || "
            "Pertandingan yang dimulai pukul 19.30 WIB itu berlangsung tanpa penonton tamu demi alasan keamanan.",
            ("advertisement", "ADVERTISEMENT"),
            "Tuan rumah unggul lebih dulu pada menit ke-17 melalui sundulan Yudha Pratama. || "
            "Persija menyamakan kedudukan lewat tendangan bebas Ilham Saputra menjelang turun minum.",
            "Gol kemenangan Persib dicetak gelandang muda Fikri Maulana pada menit ke-78 setelah menerima umpan silang dari sisi kanan. || "
            "Persija sempat menekan di sisa laga, tetapi penyelesaian akhir mereka tidak cukup tajam.",
            ("scroll_to_continue", "SCROLL TO CONTINUE WITH CONTENT"),
            "“Kami pantas menang malam ini!” ujar pelatih Persib, Rudi Hartanto, seusai laga.",
            ("repeat", 5),
            "Kemenangan ini membawa Persib naik ke posisi kedua klasemen sementara dengan 24 poin, terpaut satu angka dari pemuncak klasemen. || "
            "Adapun Persija tertahan di urutan keenam.",
            "Pada pekan berikutnya, Persib akan bertandang ke markas Bali United di Stadion Kapten I Wayan Dipta, Gianyar, Sabtu (30/11/2024).",
            ("advertisement", "ADVERTISEMENT"),
        ],
        entities=[("Persib Bandung", "ORG"), ("Persija Jakarta", "ORG"), ("Stadion Si Jalak Harupat", "LOC"),
                  ("Kabupaten Bandung", "LOC"), ("Yudha Pratama", "PER"), ("Persija", "ORG"),
                  ("Ilham Saputra", "PER"), ("Persib", "ORG"), ("Fikri Maulana", "PER"),
                  ("Rudi Hartanto", "PER"), ("Bali United", "ORG"),
                  ("Stadion Kapten I Wayan Dipta", "LOC"), ("Gianyar", "LOC")],
    ),
    dict(
        id="id-teknologi-pusat-data", fmt="txt", lang="id",
        title="Pusat Data Baru di Batam Mulai Beroperasi, Kapasitas Awal 18 Megawatt",
        dateline="Batam (ANTARA) -",
        body=[
            "PT Nusantara Digital Infra{NB}resmi mengoperasikan pusat data hiperskala pertamanya di kawasan Nongsa, Batam, Kepulauan Riau, pada Selasa (19/11/2024). || "
            "Fasilitas itu memiliki kapasitas awal 18 megawatt dan dapat diperluas hingga 60 megawatt dalam lima tahun.",
            "Direktur Utama PT Nusantara Digital Infra, Sari Anggraini, mengatakan sebagian besar kapasitas tahap pertama sudah dipesan oleh penyedia layanan komputasi awan dan perusahaan teknologi finansial. || "
            "{M:“Permintaan dari Singapura dan Jakarta sangat tinggi, terutama untuk beban kerja kecerdasan artifisial,”} kata Sari.",
            "Pembangunan pusat data tersebut menelan investasi sekitar Rp4,3 triliun dan melibatkan konsorsium PT Sinar Energi {&amp;~&} Teknologi bersama mitra asal Jepang. || "
            "Listrik untuk fasilitas itu dipasok oleh{ZW} PLN dengan komitmen porsi energi terbarukan minimal 30 persen.",
            "Wali Kota Batam, Hendra Gunawan, menyambut baik kehadiran investasi itu. || "
            "{M:“Batam tidak lagi hanya dikenal sebagai kawasan industri manufaktur, tetapi juga pusat ekonomi digital,”} ujarnya.",
            "Menurut data Asosiasi Data Center Indonesia, kapasitas pusat data nasional saat ini sekitar 500 megawatt dan diperkirakan berlipat dua pada 2027. || "
            "Sebagian besar berada di{NB}Jabodetabek, sementara Batam menjadi lokasi alternatif karena kedekatannya dengan{.} Singapura.",
            "Konsultan infrastruktur digital asal Prancis, {M:André Lefèvre}, menilai tarif listrik dan ketersediaan air akan menentukan daya saing Batam dalam{ZW} lima tahun ke depan.",
            ("editor", "Editor: Dewi Kartika"),
        ],
        entities=[("PT Nusantara Digital Infra", "ORG"), ("Nongsa", "LOC"), ("Batam", "LOC"),
                  ("Kepulauan Riau", "LOC"), ("Sari Anggraini", "PER"), ("Singapura", "LOC"),
                  ("Jakarta", "LOC"), ("Sari", "PER"), ("PT Sinar Energi & Teknologi", "ORG"),
                  ("Jepang", "LOC"), ("PLN", "ORG"), ("Hendra Gunawan", "PER"),
                  ("Asosiasi Data Center Indonesia", "ORG"), ("Jabodetabek", "LOC"),
                  ("Prancis", "LOC"), ("André Lefèvre", "PER")],
    ),
    dict(
        id="id-daerah-banjir-semarang", fmt="txt", lang="id",
        url="https://www.liputan6.example/news/read/banjir-semarang",
        title="Banjir Rendam Ribuan Rumah di Semarang, Gubernur Minta Pompa Ditambah",
        dateline="Liputan6.com, Semarang -",
        body=[
            "Banjir merendam sedikitnya 3.400 rumah di lima kecamatan di Kota Semarang, Jawa Tengah, setelah hujan deras mengguyur sejak Kamis (28/11/2024) sore. || "
            "Ketinggian air di sejumlah titik mencapai 80 sentimeter.",
            "Badan Penanggulangan Bencana Daerah (BPBD) Kota Semarang mencatat 1.150 warga {di+evakuasi} ke balai kelurahan dan masjid terdekat. || "
            "Tidak ada korban jiwa dalam kejadian tersebut.",
            ("baca_juga", "Baca juga: Jadwal Kereta dari Stasiun Tawang Dibatalkan Akibat Banjir"),
            "Gubernur Jawa Tengah Bambang Sutrisno meninjau lokasi banjir di Kelurahan Tambakrejo pada Jumat pagi. || "
            "Ia meminta Pemerintah Kota Semarang menambah kapasitas pompa di kawasan Semarang Utara{.} yang selama ini menjadi langganan banjir.",
            "“Pompa yang ada sekarang tidak sebanding dengan debit air yang masuk. || Kami akan bantu dari anggaran provinsi,” kata Bambang.",
            "Sementara itu, Balai Besar Wilayah Sungai Pemali Juana menyebut tanggul Sungai Beringin jebol sepanjang 15 meter{.} akibat derasnya arus. || "
            "Perbaikan darurat dengan karung pasir {di+lakukan} sejak Jumat dini hari.",
            "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan potensi hujan lebat di wilayah pesisir utara Jawa Tengah hingga Minggu (1/12/2024). || "
            "Warga diminta mewaspadai banjir rob yang biasanya terjadi saat air laut pasang pada pukul 16.00–19.00 WIB.",
            ("editor", "Editor: Nur Aini"),
        ],
        entities=[("Kota Semarang", "LOC"), ("Jawa Tengah", "LOC"),
                  ("Badan Penanggulangan Bencana Daerah", "ORG"), ("BPBD", "ORG"),
                  ("Bambang Sutrisno", "PER"), ("Kelurahan Tambakrejo", "LOC"),
                  ("Pemerintah Kota Semarang", "ORG"), ("Semarang Utara", "LOC"), ("Bambang", "PER"),
                  ("Balai Besar Wilayah Sungai Pemali Juana", "ORG"), ("Sungai Beringin", "LOC"),
                  ("Badan Meteorologi, Klimatologi, dan Geofisika", "ORG"), ("BMKG", "ORG")],
    ),
    dict(
        id="id-kesehatan-dbd-bali", fmt="txt", lang="id",
        title="Kasus Demam Berdarah di Bali Naik, Dinas Kesehatan Gencarkan Fogging",
        dateline="TEMPO.CO, Denpasar -",
        body=[
            "Dinas Kesehatan Provinsi Bali mencatat 2.870 kasus demam berdarah dengue (DBD) sepanjang Januari hingga Oktober 2024, naik hampir dua kali lipat dibandingkan periode yang sama tahun lalu. || "
            "Sebanyak 11 pasien meninggal dunia.",
            "Kepala Dinas Kesehatan Bali, dr. Made Suartini, mengatakan lonjakan kasus paling tinggi terjadi di Kabupaten Badung, Kota Denpasar, dan Kabupaten Gianyar. || "
            "Menurut dia, musim hujan yang datang lebih awal membuat jentik nyamuk berkembang lebih cepat.",
            "Pengasapan atau fogging {di+gelar} serentak di 120 banjar pada pekan ini. || "
            "Pemerintah juga membagikan bubuk abate secara gratis kepada{.} warga melalui puskesmas.",
            "“Fogging hanya membunuh nyamuk dewasa. || Yang paling penting tetap gerakan menguras, menutup, dan mendaur ulang barang bekas,” ujar Made.",
            "Rumah Sakit Umum Pusat Prof. Dr. I.G.N.G. Ngoerah di Denpasar menambah 40 tempat tidur untuk pasien DBD. || "
            "Sebagian besar pasien yang {di+rawat} adalah anak-anak usia sekolah.",
            "Wisatawan yang berkunjung ke Bali diimbau memakai losion antinyamuk, terutama saat beraktivitas pada pagi dan sore hari.",
        ],
        entities=[("Bali", "LOC"), ("Dinas Kesehatan Provinsi Bali", "ORG"), ("Dinas Kesehatan Bali", "ORG"),
                  ("Made Suartini", "PER"), ("Kabupaten Badung", "LOC"), ("Kota Denpasar", "LOC"),
                  ("Kabupaten Gianyar", "LOC"), ("Made", "PER"),
                  ("Rumah Sakit Umum Pusat Prof. Dr. I.G.N.G. Ngoerah", "ORG"), ("Denpasar", "LOC")],
    ),
    dict(
        id="en-tech-chips", fmt="txt", lang="en",
        title="U.S. chip designer Arcturus Semiconductor to open design centre in Bandung",
        dateline="SAN JOSE, Calif. —",
        body=[
            "Arcturus Semiconductor Inc. said on Tuesday it would open a chip design centre in Bandung, Indonesia, in Sept. 2025, its first outside the U.S. and Taiwan. || "
            "The company expects to hire about 300 engineers over three years.",
            "Chief executive Dr. Laura M. Whitfield told reporters that the site was chosen for its universities and its lower costs. || "
            "“Why would we not be where the engineers are?” she said. || "
            "“Bandung trains some of the best electrical engineers in the region.”",
            "Mr. Teguh Wirawan, a director at the Indonesian Ministry of Industry, said the government would offer tax incentives under a 2023 regulation on semiconductor investment. || "
            "He declined to give figures.",
            "Arcturus, which designs power-management chips for electric vehicles, reported revenue of $1.24 billion in the quarter to Sept. 30, up 18% from a year earlier. || "
            "Its shares rose 3.1% in New York trading.",
            ("read_more", "Read more: Indonesia bets on chip packaging as nickel boom cools"),
            "Analysts at J.P. Morgan said the move followed similar plans by rivals in Vietnam and Malaysia. || "
            "“It’s a talent play, not a cost play!” wrote analyst R. K. Desai in a note to clients.",
            "The centre will be housed at the Bandung Institute of Technology{&#8217;~’}s science park. || "
            "Construction of a second floor is due to finish by Oct. 2026, the company said.",
            "The company employs about 4,100 people, most of them in the U.S. || "
            "About a fifth work in Hsinchu, Taiwan.",
        ],
        entities=[("Arcturus Semiconductor Inc.", "ORG"), ("Bandung", "LOC"), ("Indonesia", "LOC"),
                  ("U.S.", "LOC"), ("Taiwan", "LOC"), ("Laura M. Whitfield", "PER"),
                  ("Teguh Wirawan", "PER"), ("Ministry of Industry", "ORG"), ("Arcturus", "ORG"),
                  ("New York", "LOC"), ("J.P. Morgan", "ORG"), ("Vietnam", "LOC"), ("Malaysia", "LOC"),
                  ("R. K. Desai", "PER"), ("Bandung Institute of Technology", "ORG"), ("Hsinchu", "LOC")],
    ),
    dict(
        id="en-sport-badminton", fmt="txt", lang="en",
        title="Badminton: Indonesian pair storm into final at China Masters",
        body=[
            "Indonesia’s Bagas Wicaksono and Dimas Ardiansyah reached the men’s doubles final of the China Masters in Shenzhen on Saturday, beating a Danish pair 21-17, 18-21, 21-15. || "
            "The match lasted 71 minutes.",
            ("advertisement", "Advertisement"),
            "“We were nervous in the second game, but the crowd helped us!” said Wicaksono. || "
            "“Tomorrow we just enjoy it.”",
            "The pair, ranked 14th in the world, had never gone past the quarter-finals of a Super 750 event. || "
            "Their coach, Yohanes Siregar, said the players had changed their service routine after a disappointing exit at the Denmark Open in Oct. || "
            "“Did you see how calm they were at 18-18? || That is new,” he said.",
            "In the final on Sunday they will face top seeds Chen Hao and Zhou Yifan of China.",
            "Indonesia’s other semi-finalist, women’s singles player Putri Lestari, lost 21-19, 21-23, 16-21 to Japan’s Mio Takahashi.",
            ("read_more", "Read more: PBSI names squad for World Tour Finals"),
            "The World Tour Finals will be held in Hangzhou from Dec. 11 to 15.",
        ],
        entities=[("Indonesia", "LOC"), ("Bagas Wicaksono", "PER"), ("Dimas Ardiansyah", "PER"),
                  ("Shenzhen", "LOC"), ("Wicaksono", "PER"), ("Yohanes Siregar", "PER"),
                  ("Chen Hao", "PER"), ("Zhou Yifan", "PER"), ("China", "LOC"),
                  ("Putri Lestari", "PER"), ("Japan", "LOC"), ("Mio Takahashi", "PER"),
                  ("Hangzhou", "LOC")],
    ),
    dict(
        # Must pass through untouched: no Indonesian repairs on German text.
        id="de-wirtschaft-hafen", fmt="txt", lang="de",
        title="Hamburger Hafen meldet mehr Containerumschlag",
        body=[
            "Der Hamburger Hafen hat in den ersten neun Monaten des Jahres 2024 rund 5,9 Mio. Standardcontainer (TEU) umgeschlagen, etwa 1,8 Prozent mehr als im Vorjahreszeitraum. || "
            "Das teilte die Hafen Hamburg Marketing e. V. am Mittwoch mit.",
            "Vor allem der Verkehr mit Asien, z. B. mit China und Singapur, habe zugelegt, sagte Vorstand Dr. Jens Albrecht. || "
            "Der Umschlag mit den USA sei dagegen leicht gesunken.",
            "Am 3. Dezember will der Senat über den Ausbau des Terminals Nr. 4 in Altenwerder entscheiden. || "
            "Die Kosten werden auf ca. 350 Mio. Euro geschätzt.",
            "Umweltverbände kritisieren die Pläne. || "
            "„Die Elbe verträgt keine weitere Vertiefung“, sagte eine Sprecherin des BUND in Hamburg.",
        ],
        entities=[("Hafen Hamburg Marketing e. V.", "ORG"), ("Asien", "LOC"), ("China", "LOC"),
                  ("Singapur", "LOC"), ("Jens Albrecht", "PER"), ("USA", "LOC"), ("Senat", "ORG"),
                  ("Altenwerder", "LOC"), ("Elbe", "LOC"), ("BUND", "ORG"), ("Hamburg", "LOC")],
    ),
]

ARTICLES += [
    # ------------------------------------------------------------ rss-2024-11-id.jsonl
    dict(
        id="id-ekonomi-bbm", fmt="jsonl", file=ID, lang="id",
        url="https://www.liputan6.example/bisnis/read/harga-bbm-nonsubsidi-turun",
        date="2024-11-30T10:15",
        title="Harga BBM Nonsubsidi Turun Mulai 1 Desember, Pertamax Jadi Rp12.100 per Liter",
        # Dateline glued to the first word, as liputan6.com pages scrape.
        dateline="Liputan6.com, Jakarta", dateline_join="",
        body=[
            "Pemerintah resmi menurunkan harga bahan bakar minyak (BBM) nonsubsidi mulai Minggu (1/12/2024) pukul 00.00 WIB. || "
            "Harga Pertamax di wilayah Jabodetabek turun dari Rp12.500 menjadi Rp12.100 per liter.",
            ("advertisement", "Advertisement"),
            "Corporate Secretary PT Pertamina Patra Niaga, Lestari Handayani, mengatakan penyesuaian harga mengikuti tren harga minyak dunia dan nilai tukar rupiah. || "
            "“Kami evaluasi setiap bulan, jadi kalau harga minyak turun, harga jual juga ikut turun,” ujarnya di Jakarta, Sabtu (30/11/2024).",
            ("baca_juga", "Baca Juga"),
            ("baca_juga", "Pertamina Pastikan Stok Pertalite Aman Jelang Libur Natal"),
            "Selain Pertamax, harga Pertamax Turbo turun menjadi Rp13.300 per liter, Dexlite menjadi Rp12.700 per liter, dan Pertamina Dex menjadi Rp13.050 per liter. || "
            "Harga Pertalite dan Solar bersubsidi tidak berubah, masing-masing Rp10.000 dan Rp6.800 per liter.",
            "Di luar Jawa, harga Pertamax bervariasi mengikuti ongkos distribusi. || "
            "Di Provinsi Papua, misalnya, harga Pertamax tercatat Rp12.400 per liter.",
            "Badan usaha swasta seperti Shell Indonesia dan BP-AKR juga menurunkan harga produk bensinnya pada hari yang sama. || "
            "Harga Shell Super kini Rp12.710 per liter di Jakarta.",
            ("advertisement", "Advertisement"),
        ],
        entities=[("Jabodetabek", "LOC"), ("PT Pertamina Patra Niaga", "ORG"), ("Lestari Handayani", "PER"),
                  ("Jakarta", "LOC"), ("Jawa", "LOC"), ("Provinsi Papua", "LOC"),
                  ("Shell Indonesia", "ORG"), ("BP-AKR", "ORG")],
    ),
    dict(
        id="id-politik-pilkada", fmt="jsonl", file=ID, lang="id",
        url="https://nasional.kompas.example/read/2024/12/02/kpu-dki-rekapitulasi",
        date="2024-12-02T13:40",
        title="KPU DKI Tetapkan Jadwal Rekapitulasi Suara Pilkada Jakarta",
        dateline="JAKARTA, KOMPAS.com -",
        body=[
            "Komisi Pemilihan Umum (KPU) Provinsi DKI Jakarta menetapkan jadwal rekapitulasi suara tingkat provinsi untuk Pemilihan Gubernur dan Wakil Gubernur Jakarta pada 6–8 Desember 2024. || "
            "Rekapitulasi akan digelar di sebuah hotel di kawasan Jakarta Pusat.",
            ("title", "KPU DKI Tetapkan Jadwal Rekapitulasi Suara Pilkada Jakarta"),
            "Ketua KPU DKI Jakarta, Teguh Santika, mengatakan rekapitulasi tingkat kecamatan sudah rampung di 44 kecamatan pada Minggu (1/12/2024). || "
            "Rekapitulasi tingkat kota dan kabupaten dijadwalkan selesai pada 5 Desember.",
            "“Kami mengundang seluruh tim pasangan calon, Bawaslu, dan pemantau untuk hadir. || Prosesnya terbuka,” kata Teguh di kantor KPU DKI, Jalan Salemba Raya, Jakarta Pusat.",
            ("baca_juga", "Baca juga: Tiga Pasangan Calon Sepakat Jaga Suasana Damai Usai Pemungutan Suara"),
            "Badan Pengawas Pemilu (Bawaslu) DKI Jakarta mencatat 12 laporan dugaan pelanggaran selama masa tenang dan hari pemungutan suara. || "
            "Sebagian besar laporan terkait pembagian bantuan sosial dan alat peraga kampanye yang belum dicopot{.} oleh tim pemenangan.",
            "Menteri Dalam Negeri sebelumnya meminta seluruh penjabat gubernur menjaga netralitas aparatur sipil negara hingga penetapan pasangan calon terpilih. || "
            "Penetapan calon terpilih dijadwalkan paling lambat tiga hari setelah{.} Mahkamah Konstitusi menerbitkan buku registrasi perkara.",
            "Tingkat partisipasi pemilih di Jakarta tercatat sekitar 58 persen, lebih rendah dibandingkan Pilkada 2017.",
        ],
        entities=[("Komisi Pemilihan Umum", "ORG"), ("KPU", "ORG"), ("Provinsi DKI Jakarta", "LOC"),
                  ("Jakarta", "LOC"), ("Jakarta Pusat", "LOC"), ("KPU DKI Jakarta", "ORG"),
                  ("Teguh Santika", "PER"), ("Bawaslu", "ORG"), ("Teguh", "PER"), ("KPU DKI", "ORG"),
                  ("Jalan Salemba Raya", "LOC"), ("Badan Pengawas Pemilu", "ORG"),
                  ("DKI Jakarta", "LOC"), ("Mahkamah Konstitusi", "ORG")],
    ),
    dict(
        # Same topic as id-ekonomi-rupiah (IHSG and the rupiah), another day,
        # other figures and quotes: must NOT be merged with it.
        id="id-ekonomi-ihsg-jumat", fmt="jsonl", file=ID, lang="id",
        url="https://www.cnbcindonesia.example/market/ihsg-menguat-akhir-pekan",
        date="2024-11-22T16:20",
        title="IHSG Ditutup Menguat ke 7.245,41 pada Akhir Pekan, Rupiah Stabil",
        dateline="Jakarta, CNBC Indonesia -",
        body=[
            "Indeks Harga Saham Gabungan (IHSG) ditutup menguat 0,68 persen ke level 7.245,41 pada perdagangan Jumat (22/11/2024). || "
            "Penguatan ditopang aksi beli investor domestik pada saham-saham berkapitalisasi besar.",
            "Sepanjang pekan ini, IHSG masih tercatat melemah 0,3 persen secara mingguan. || "
            "Kapitalisasi pasar Bursa Efek Indonesia berada di posisi Rp12.180 triliun.",
            "Di pasar valuta asing, rupiah bergerak stabil di kisaran Rp15.900 per dolar AS hingga pukul 15.00 WIB. || "
            "Keputusan Bank Indonesia mempertahankan suku bunga acuan pada Kamis kemarin dinilai memberi kepastian bagi pelaku pasar.",
            "“Pasar mulai melihat ruang penurunan suku bunga tahun depan, sehingga saham perbankan kembali diburu,” kata Kepala Riset PT Trimegah Sekuritas Indonesia, Yuliana Kartika.",
            "Saham PT Bank Rakyat Indonesia (Persero) Tbk naik 2,4 persen, sedangkan saham PT Bank Central Asia Tbk menguat 1,1 persen. || "
            "Sebaliknya, saham sektor pertambangan nikel melemah akibat turunnya harga nikel di London Metal Exchange.",
            ("baca_juga", "Baca juga: Rekomendasi Saham Pekan Depan dari Lima Sekuritas"),
        ],
        entities=[("Bursa Efek Indonesia", "ORG"), ("Bank Indonesia", "ORG"),
                  ("PT Trimegah Sekuritas Indonesia", "ORG"), ("Yuliana Kartika", "PER"),
                  ("PT Bank Rakyat Indonesia (Persero) Tbk", "ORG"), ("PT Bank Central Asia Tbk", "ORG"),
                  ("London Metal Exchange", "ORG")],
    ),
    dict(
        id="id-olahraga-timnas-u20", fmt="jsonl", file=ID, lang="id",
        url="https://sport.detik.example/sepakbola/timnas-u20-hajar-yaman",
        date="2024-11-27T22:05",
        title="Timnas U-20 Indonesia Hajar Yaman 3-0 di Stadion Madya",
        body=[
            "Timnas Indonesia U-20 menang telak 3-0 atas Yaman dalam laga uji coba di Stadion Madya, Senayan, Jakarta, Rabu (27/11/2024) malam. || "
            "Kemenangan ini menjadi modal penting jelang Piala Asia U-20 2025 di China.",
            ("scroll_to_continue", "SCROLL TO CONTINUE WITH CONTENT"),
            "Gol pertama lahir pada menit ke-23 lewat tendangan keras Arkan Ramadhan dari luar kotak penalti. || "
            "Dua gol lainnya dicetak oleh Bima Saputra pada menit ke-51 dan ke-86.",
            "Pelatih Timnas U-20, Hendra Wijaya, menilai anak asuhnya tampil disiplin{.} sepanjang laga. || "
            "Ia juga memuji kiper Raka Pratama yang {di+tunjuk} sebagai kapten untuk pertama kalinya.",
            ("embed", "[Gambas:Video 20detik]"),
            "“Kami masih punya banyak pekerjaan rumah, terutama soal transisi bertahan. || Tapi secara umum saya puas,” kata Hendra. || "
            "Timnas U-20 dijadwalkan kembali menghadapi Yaman pada Sabtu (30/11/2024) di tempat yang sama.",
            ("simak_juga", "Simak juga Video: Momen Gol Spektakuler Arkan Ramadhan ke Gawang Yaman"),
        ],
        entities=[("Timnas Indonesia U-20", "ORG"), ("Yaman", "LOC"), ("Stadion Madya", "LOC"),
                  ("Senayan", "LOC"), ("Jakarta", "LOC"), ("China", "LOC"), ("Arkan Ramadhan", "PER"),
                  ("Bima Saputra", "PER"), ("Timnas U-20", "ORG"), ("Hendra Wijaya", "PER"),
                  ("Raka Pratama", "PER"), ("Hendra", "PER")],
    ),
    dict(
        id="id-teknologi-ojol", fmt="jsonl", file=ID, lang="id", omit_lang=True,
        url="https://tekno.tempo.example/read/kemenhub-kaji-tarif-ojol",
        date="2024-11-25T18:45",
        title="Kemenhub Kaji Ulang Tarif Ojek Online, Aplikator Minta Dilibatkan",
        body=[
            "Kementerian Perhubungan tengah mengkaji ulang batas tarif ojek daring yang berlaku sejak 2022. || "
            "Kajian itu ditargetkan rampung pada akhir Desember 2024.",
            "Direktur Jenderal Perhubungan Darat, Andi Saputra, mengatakan kajian mencakup biaya jasa minimal, potongan aplikasi, dan asuransi pengemudi. || "
            "{&#8220;~“}Kami ingin tarif yang adil bagi pengemudi dan tetap terjangkau bagi penumpang,{&#8221;~”} katanya di{NB}Jakarta, Senin (25/11/2024).",
            "Saat ini potongan aplikasi dibatasi maksimal 20 persen{ZW} dari tarif perjalanan. || "
            "Asosiasi pengemudi meminta batas itu diturunkan menjadi 10 persen{.} karena biaya operasional terus naik.",
            "Perwakilan PT GoTo Gojek Tokopedia Tbk dan Grab Indonesia menyatakan siap memberi masukan. || "
            "{&#8220;~“}Kami berharap aplikator dilibatkan sejak awal agar kebijakan bisa dijalankan{&#8221;~”}, ujar juru bicara Grab Indonesia, Tirta Anindita.",
            "Di sisi lain, Komisi V DPR meminta pemerintah juga mengatur skema kemitraan{.} agar pengemudi mendapat jaminan sosial. || "
            "Rapat dengar pendapat dengan aplikator dijadwalkan pada 3 Desember.",
        ],
        entities=[("Kementerian Perhubungan", "ORG"), ("Andi Saputra", "PER"),
                  ("Jakarta", "LOC"), ("PT GoTo Gojek Tokopedia Tbk", "ORG"), ("Grab Indonesia", "ORG"),
                  ("Tirta Anindita", "PER"), ("Komisi V DPR", "ORG")],
    ),
    dict(
        id="id-transportasi-kereta-cepat", fmt="jsonl", file=ID, lang="id", omit_lang=True,
        url="https://www.liputan6.example/bisnis/read/penumpang-whoosh-5-juta",
        date="2024-11-21T12:30",
        title="Penumpang Kereta Cepat Whoosh Tembus 5 Juta Orang",
        dateline="Liputan6.com, Jakarta -",
        body=[
            "PT Kereta Cepat Indonesia China (KCIC) mencatat jumlah penumpang kereta cepat Whoosh telah menembus 5 juta orang sejak beroperasi pada Oktober 2023. || "
            "Rata-rata okupansi harian mencapai 18.000 penumpang.",
            "General Manager Corporate Secretary KCIC, Wulan Permatasari, mengatakan lonjakan penumpang terjadi setiap akhir pekan dan musim libur sekolah. || "
            "Rute Jakarta–Bandung kini {di+layani} 48 perjalanan per hari.",
            "“Kami menambah jadwal keberangkatan pada jam sibuk, yaitu pukul 06.00–08.00 dan 16.00–19.30 WIB,” kata Wulan di Stasiun Halim, Jakarta Timur, Kamis (21/11/2024).",
            ("advertisement", "Advertisement"),
            "Tarif Whoosh saat ini berkisar Rp200.000 hingga Rp600.000, tergantung kelas dan waktu perjalanan. || "
            "KCIC juga menyiapkan tarif khusus bagi pelajar{.} selama libur akhir tahun.",
            "Pemerintah tengah mengkaji perpanjangan jalur kereta cepat hingga Surabaya, Jawa Timur. || "
            "Kajian kelayakan proyek itu ditargetkan selesai pada 2025.",
        ],
        entities=[("PT Kereta Cepat Indonesia China", "ORG"), ("KCIC", "ORG"), ("Wulan Permatasari", "PER"),
                  ("Jakarta", "LOC"), ("Bandung", "LOC"), ("Wulan", "PER"), ("Stasiun Halim", "LOC"),
                  ("Jakarta Timur", "LOC"), ("Surabaya", "LOC"), ("Jawa Timur", "LOC")],
    ),
    dict(
        id="id-pendidikan-beasiswa", fmt="jsonl", file=ID, lang="id",
        url="https://regional.kompas.example/read/2024/12/02/beasiswa-jabar",
        date="2024-12-02T09:10",
        title="Pemprov Jawa Barat Buka Pendaftaran Beasiswa untuk 10.000 Mahasiswa",
        dateline="BANDUNG, KOMPAS.com -",
        body=[
            "Pemerintah Provinsi Jawa Barat membuka pendaftaran beasiswa bagi 10.000 mahasiswa dari keluarga kurang mampu mulai Senin (2/12/2024). || "
            "Pendaftaran dilakukan secara daring hingga 31 Desember 2024.",
            "Penjabat Gubernur Jawa Barat, Asep Kurniawan, mengatakan setiap penerima akan mendapat bantuan biaya kuliah sebesar Rp6 juta per semester. || "
            "Program itu menyasar mahasiswa di perguruan tinggi negeri maupun swasta di{.} Jawa Barat.",
            "“Tidak boleh ada anak Jawa Barat yang berhenti kuliah karena biaya. || Itu prinsip kami,” ujar Asep di Gedung Sate, Bandung.",
            "Kepala Dinas Pendidikan Jawa Barat, Ir. Wahyu Hidayat, M.T., menambahkan bahwa seleksi akan mempertimbangkan prestasi akademik dan kondisi ekonomi keluarga. || "
            "Hasil seleksi diumumkan pada pertengahan Januari 2025.",
            ("author", "Penulis: Intan Permata"),
            ("editor", "Editor: Nur Aini"),
        ],
        entities=[("Pemerintah Provinsi Jawa Barat", "ORG"),
                  ("Asep Kurniawan", "PER"), ("Jawa Barat", "LOC"), ("Asep", "PER"),
                  ("Gedung Sate", "LOC"), ("Bandung", "LOC"), ("Dinas Pendidikan Jawa Barat", "ORG"),
                  ("Wahyu Hidayat", "PER")],
    ),
    # ------------------------------------------------------------ rss-2024-11-en.jsonl
    dict(
        id="en-politics-apec", fmt="jsonl", file=EN, lang="en",
        url="https://www.example-news.com/world/apec-lima-summit-ends",
        date="2024-11-16T21:00",
        title="Asia-Pacific leaders pledge to keep trade open as APEC summit ends in Lima",
        body=[
            "Leaders of the 21 Asia-Pacific Economic Cooperation (APEC) economies ended their annual summit in Lima, Peru, on Saturday with a pledge to keep markets open, despite worries about new U.S. tariffs. || "
            "The final declaration made no direct mention of the war in Ukraine.",
            "Indonesia’s delegation, led by Foreign Minister Arif Santosa, pushed for a line on food security and fertiliser supply chains. || "
            "“Who pays when supply chains break? || The farmers do,” Mr. Santosa told reporters after the closing session.",
            "Officials said talks on a regional digital trade framework would continue in Gyeongju, South Korea, which hosts APEC in 2025. || "
            "Peru’s trade minister called the meeting “a success for open regionalism!” in a statement.",
            "Business leaders at the APEC CEO Summit, including executives from Microsoft Corp. and Toyota Motor Corp., urged governments to agree on common rules for artificial intelligence. || "
            "Dr. Elena Ruiz of the University of Lima said the forum’s influence had “clearly waned” since the early 2000s.",
            ("read_more", "Read more: What the APEC declaration says about AI and trade"),
            "The next leaders’ meeting is scheduled for Nov. 2025.",
        ],
        entities=[("Asia-Pacific Economic Cooperation", "ORG"), ("APEC", "ORG"), ("Lima", "LOC"),
                  ("Peru", "LOC"), ("U.S.", "LOC"), ("Ukraine", "LOC"), ("Indonesia", "LOC"),
                  ("Arif Santosa", "PER"), ("Santosa", "PER"), ("Gyeongju", "LOC"),
                  ("South Korea", "LOC"), ("Microsoft Corp.", "ORG"), ("Toyota Motor Corp.", "ORG"),
                  ("Elena Ruiz", "PER"), ("University of Lima", "ORG")],
    ),
    dict(
        id="en-business-nickel", fmt="jsonl", file=EN, lang="en", omit_lang=True,
        url="https://en.antaranews.example/news/nickel-exports-climb",
        date="2024-11-19T15:30",
        title="Indonesia{&#8217;~’}s nickel exports climb 12% as new smelters come online",
        dateline="JAKARTA (ANTARA) -",
        body=[
            "Indonesia’s exports of processed nickel rose 12% in the first ten months of 2024 to $28.4 billion, the statistics bureau said on Tuesday, as new smelters in Sulawesi and the Maluku islands began production. || "
            "Shipments to China accounted for about 80% of the total.",
            "Nickel pig iron and stainless steel made up the bulk of the exports. || "
            "Shipments of mixed hydroxide precipitate, used in electric-vehicle batteries, more than doubled.",
            "“We expect the growth to slow next year because prices are low and several lines are under maintenance,” said Rizal Fahmi, an analyst at PT Samudra Capital in Jakarta.",
            ("advertisement", "ADVERTISEMENT"),
            "The London Metal Exchange three-month nickel price has fallen about 9% this year to around $15,600 a tonne. || "
            "Mining companies have asked the Ministry of Energy and Mineral Resources to speed up approvals of annual production quotas.",
            "Environmental groups including WALHI have warned that the rapid expansion of smelters is damaging forests and coastal waters in Central Sulawesi. || "
            "The government says new rules on tailings disposal will take effect in Jan. 2025.",
        ],
        entities=[("Indonesia", "LOC"), ("Sulawesi", "LOC"), ("Maluku", "LOC"), ("China", "LOC"),
                  ("Rizal Fahmi", "PER"), ("PT Samudra Capital", "ORG"), ("Jakarta", "LOC"),
                  ("London Metal Exchange", "ORG"), ("Ministry of Energy and Mineral Resources", "ORG"),
                  ("WALHI", "ORG"), ("Central Sulawesi", "LOC")],
    ),
    dict(
        id="en-science-merapi", fmt="jsonl", file=EN, lang="en",
        url="https://www.example-news.com/science/merapi-sensors",
        date="2024-11-20T08:00",
        title="Scientists wire up Mount Merapi with new sensors ahead of rainy season",
        body=[
            "Indonesian volcanologists have installed 14 new seismic and gas sensors on Mount Merapi, the country’s most active volcano, to improve warnings for the roughly 250,000 people who live on its slopes. || "
            "The work was finished on Nov. 18, officials said.",
            "Dr. Agnes Wulandari, head of the Yogyakarta-based Center for Volcanological Research and Technology Development, said the sensors send data every ten seconds. || "
            "“Can we predict an eruption to the hour? || No. || But we can buy people time,” she said.",
            "The project is funded by the Japan International Cooperation Agency (JICA) and the U.S. Geological Survey. || "
            "It cost about $2.3 million.",
            "Merapi’s last major eruption, in 2010, killed more than 300 people. || "
            "Since then the alert level has been raised several times, most recently to level III in Nov. 2020, where it remains.",
            "Residents of Cangkringan, a district on the southern flank, said they welcomed the sensors but wanted more evacuation drills. || "
            "“The machines are good! || But people must still know where to run,” said Mr. Sutrisno, 61, a farmer.",
            ("read_more", "Read more: Indonesia’s volcano alert levels explained"),
        ],
        entities=[("Mount Merapi", "LOC"), ("Agnes Wulandari", "PER"), ("Yogyakarta", "LOC"),
                  ("Center for Volcanological Research and Technology Development", "ORG"),
                  ("Japan International Cooperation Agency", "ORG"), ("JICA", "ORG"),
                  ("U.S. Geological Survey", "ORG"), ("Merapi", "LOC"), ("Cangkringan", "LOC"),
                  ("Sutrisno", "PER")],
    ),
    dict(
        id="en-economy-bi-rate", fmt="jsonl", file=EN, lang="en",
        url="https://www.example-news.com/markets/bank-indonesia-holds-rate",
        date="2024-11-21T15:10",
        title="Bank Indonesia holds key rate at 6% to support rupiah",
        body=[
            "Bank Indonesia kept its benchmark BI Rate unchanged at 6.00% on Thursday, as expected, saying it wanted to keep the rupiah stable amid uncertainty over U.S. policy. || "
            "It was the second straight hold after a surprise cut in Sept.",
            "“The priority now is stability. || Growth is still solid at around 5%,” Deputy Governor Anton Wibisono told a news conference in Jakarta. || "
            "He said the central bank had intervened in the spot and domestic non-deliverable forward markets.",
            "The rupiah has weakened about 3% against the dollar since early October to around 15,870 per dollar. || "
            "Economists at DBS Bank Ltd. and PT Bank Mandiri Tbk expect one more cut in the first half of 2025.",
            "Inflation was 1.71% year-on-year in October, within the central bank’s 1.5%–3.5% target range. || "
            "The next policy meeting is set for Dec. 17–18.",
        ],
        entities=[("Bank Indonesia", "ORG"), ("U.S.", "LOC"), ("Anton Wibisono", "PER"), ("Jakarta", "LOC"),
                  ("DBS Bank Ltd.", "ORG"), ("PT Bank Mandiri Tbk", "ORG")],
    ),
    dict(
        # Japanese: must pass through unharmed; no lang field, so it must be identified.
        id="ja-keizai-yen", fmt="jsonl", file=EN, lang="ja", omit_lang=True,
        url="https://www.example-news.jp/economy/yen-155",
        date="2024-11-20T17:00",
        title="円相場、一時1ドル=155円台に下落",
        body=[
            "20日の東京外国為替市場で、円相場は一時1ドル=155円台まで下落した。 || "
            "米国の長期金利の上昇を受けて、円を売ってドルを買う動きが広がった。",
            "市場関係者は「日本銀行の次の利上げの時期が焦点になっている」と話している。 || "
            "日経平均株価は前日比で約0.2%安く取引を終えた。",
            "財務省の担当者は、急激な為替の変動を注視していると述べた。",
            "輸入物価の上昇につながるとして、小売業界からは懸念の声が出ている。 || "
            "大手スーパーの幹部は「年末商戦への影響は避けられない」と語った。",
        ],
        entities=[("米国", "LOC"), ("日本銀行", "ORG"), ("財務省", "ORG")],
    ),
    # ------------------------------------------------------------ scrape-broken.jsonl
    dict(
        id="id-daerah-gempa-garut", fmt="jsonl", file=BROKEN_FILE, lang="id",
        url="https://www.antaranews.example/berita/gempa-garut",
        date="2024-11-26T20:05",
        title="Gempa Magnitudo 4,8 Guncang Garut, Tidak Ada Kerusakan Berarti",
        dateline="Garut (ANTARA) -",
        body=[
            "Gempa bumi bermagnitudo 4,8 mengguncang wilayah Kabupaten Garut, Jawa Barat, pada Selasa (26/11/2024) pukul 19.30 WIB. || "
            "Pusat gempa berada di laut, sekitar 87 kilometer barat daya Garut, pada kedalaman 10 kilometer.",
            "Kepala Pelaksana BPBD Kabupaten Garut, Yayan Suryana, mengatakan getaran dirasakan cukup kuat di Kecamatan Pameungpeuk dan Cikelet. || "
            "Hingga pukul 22.00 WIB, pihaknya belum menerima laporan kerusakan bangunan.",
            "BMKG menyatakan gempa tersebut tidak berpotensi tsunami. || "
            "Warga {di+imbau} tetap tenang dan tidak terpengaruh kabar bohong yang beredar di media sosial.",
            "“Kami minta warga memeriksa kondisi rumah masing-masing. || Kalau ada retakan, segera lapor ke desa,” kata Yayan.",
        ],
        entities=[("Garut", "LOC"), ("Kabupaten Garut", "LOC"), ("Jawa Barat", "LOC"),
                  ("BPBD Kabupaten Garut", "ORG"), ("Yayan Suryana", "PER"),
                  ("Kecamatan Pameungpeuk", "LOC"), ("Cikelet", "LOC"), ("BMKG", "ORG"), ("Yayan", "PER")],
    ),
    dict(
        id="en-culture-batik", fmt="jsonl", file=BROKEN_FILE, lang="en", omit_lang=True,
        url="https://www.example-news.com/culture/pekalongan-natural-dyes",
        date="2024-11-28T07:45",
        title="Batik makers in Pekalongan turn to natural dyes",
        body=[
            "Batik workshops in Pekalongan, on the north coast of Central Java, are switching from synthetic to natural dyes as foreign buyers ask for greener products. || "
            "About 60 of the city’s roughly 1,000 workshops now use indigo, mahogany bark and mango leaves.",
            "“Natural colour takes three times longer. || Buyers in Japan and Europe pay for that,” said Siti Maesaroh, who runs a workshop with 12 employees.",
            "The Pekalongan city government plans to open a shared dye-processing plant in 2025 with support from the Ministry of Industry. || "
            "The Batik Museum in Pekalongan will hold an exhibition on natural dyes from Dec. 2 to Jan. 15.",
            "Batik was inscribed on UNESCO’s list of intangible cultural heritage on Oct. 2, 2009, a date Indonesia now marks as National Batik Day.",
        ],
        entities=[("Pekalongan", "LOC"), ("Central Java", "LOC"), ("Japan", "LOC"), ("Europe", "LOC"),
                  ("Siti Maesaroh", "PER"), ("Ministry of Industry", "ORG"), ("Batik Museum", "ORG"),
                  ("UNESCO", "ORG"), ("Indonesia", "LOC")],
    ),
]


# Copies, re-crawls and rewrites of the articles above. The earlier one in
# input order is kept; the later one is the duplicate.
def _replace(item_from, item_to):
    def edit(a):
        body = a["body"]
        for i, p in enumerate(body):
            if p == item_from:
                body[i] = item_to
                return
        raise KeyError(item_from)
    return edit


def _chain(*edits):
    def edit(a):
        for e in edits:
            e(a)
    return edit


def _str_edit(old, new):
    """Edits words inside whichever paragraph contains `old`."""
    def edit(a):
        for i, p in enumerate(a["body"]):
            if isinstance(p, str) and old in p:
                a["body"][i] = p.replace(old, new, 1)
                return
        raise KeyError(old)
    return edit


def _drop(item):
    def edit(a):
        a["body"].remove(item)
    return edit


def _append(item):
    def edit(a):
        a["body"].append(item)
    return edit


def _invisible_noise(title, lines):
    """The same story from a syndication feed that pads with NBSPs and
    zero-width spaces: identical once normalised."""
    lines = list(lines)
    lines[0] = lines[0].replace("rose 12% in", "rose 12%\u00a0in", 1).replace("on Tuesday,", "on\u00a0Tuesday,\u200b", 1)
    lines[2] = lines[2].replace("Rizal Fahmi", "Rizal\u00a0Fahmi", 1)
    return title, lines


DERIVED = [
    dict(
        # Exact copy across formats: the .txt article re-published in a feed.
        base="id-ekonomi-rupiah", kind="exact", id="id-ekonomi-rupiah-salinan", fmt="jsonl", file=ID,
        date="2024-11-20T16:40",
    ),
    dict(
        # A re-crawl of the same URL the next morning: figures updated, last
        # paragraph replaced.
        base="id-daerah-banjir-semarang", kind="near", id="id-daerah-banjir-semarang-update",
        fmt="jsonl", file=ID, date="2024-11-29T09:30",
        title="Banjir Rendam 4.100 Rumah di Semarang, Gubernur Minta Pompa Ditambah",
        edit=_chain(
            _str_edit("sedikitnya 3.400 rumah", "sedikitnya 4.100 rumah"),
            _str_edit("Warga diminta mewaspadai banjir rob yang biasanya terjadi saat air laut pasang pada pukul 16.00–19.00 WIB.",
                      "Warga diminta mewaspadai banjir rob yang biasanya terjadi saat air laut pasang pada sore hingga malam hari."),
        ),
        entities=[("Kota Semarang", "LOC"), ("Jawa Tengah", "LOC"),
                  ("Badan Penanggulangan Bencana Daerah", "ORG"), ("BPBD", "ORG"),
                  ("Bambang Sutrisno", "PER"), ("Kelurahan Tambakrejo", "LOC"),
                  ("Pemerintah Kota Semarang", "ORG"), ("Semarang Utara", "LOC"), ("Bambang", "PER"),
                  ("Balai Besar Wilayah Sungai Pemali Juana", "ORG"), ("Sungai Beringin", "LOC"),
                  ("Badan Meteorologi, Klimatologi, dan Geofisika", "ORG"), ("BMKG", "ORG")],
    ),
    dict(
        # Exact after normalisation: only NBSPs and zero-width spaces differ.
        base="en-business-nickel", kind="exact", id="en-business-nickel-wire", fmt="jsonl", file=EN,
        omit_lang=False, url="https://wire.example-syndication.com/id/nickel-exports-climb",
        raw_transform=_invisible_noise, extra_noise=["nbsp", "zero_width"],
    ),
    dict(
        # Another outlet's rewrite of the same press release: new headline and
        # dateline, other boilerplate, a few words edited, one sentence changed.
        base="id-ekonomi-bbm", kind="near", id="id-ekonomi-bbm-tempo", fmt="jsonl", file=ID,
        url="https://bisnis.tempo.example/read/pertamina-turunkan-harga-pertamax",
        date="2024-11-30T11:02",
        title="Pertamina Turunkan Harga Pertamax Jadi Rp12.100 Mulai 1 Desember",
        dateline="TEMPO.CO, Jakarta -", dateline_join=" ",
        edit=_chain(
            _drop(("advertisement", "Advertisement")),
            _drop(("advertisement", "Advertisement")),
            _drop(("baca_juga", "Baca Juga")),
            _drop(("baca_juga", "Pertamina Pastikan Stok Pertalite Aman Jelang Libur Natal")),
            _str_edit("ujarnya di Jakarta, Sabtu (30/11/2024).", "kata Lestari di Jakarta pada Sabtu, 30 November 2024."),
            _str_edit("Harga Shell Super kini Rp12.710 per liter di Jakarta.",
                      "Harga Shell Super kini Rp12.710 per liter untuk wilayah Jakarta dan sekitarnya."),
            _append(("editor", "Editor: Nur Haryanto")),
        ),
        entities=[("Jabodetabek", "LOC"), ("PT Pertamina Patra Niaga", "ORG"), ("Lestari Handayani", "PER"),
                  ("Jakarta", "LOC"), ("Lestari", "PER"), ("Jawa", "LOC"), ("Provinsi Papua", "LOC"),
                  ("Shell Indonesia", "ORG"), ("BP-AKR", "ORG")],
    ),
]

# Pairs that share a topic (or a person) but are different stories.
DISTINCT = [
    ("id-ekonomi-rupiah", "id-ekonomi-ihsg-jumat",
     "same market beat (rupiah, IHSG, Bank Indonesia), different day, figures and quotes"),
    ("id-politik-kabinet", "en-politics-apec",
     "same minister, different trips and languages"),
    ("id-ekonomi-rupiah", "en-economy-bi-rate",
     "same week and topic, other language and content"),
]

# Broken records of scrape-broken.jsonl: (record index in the file, the line,
# expected reject reason, id if one can be read).
BROKEN = {
    BROKEN_FILE: [
        (1, '{"id": "id-rusak-terpotong", "title": "Harga Cabai Naik", "text": "Harga cabai rawit di Pasar Induk Kramat Jati naik menjadi Rp80.000 per kilogram',
         "malformed_json", None),
        (2, '{"id": "id-tanpa-teks", "title": "Galeri Foto: Suasana Car Free Day di Bundaran HI", "url": "https://www.example-news.com/galeri/cfd", "lang": "id"}',
         "missing_text", "id-tanpa-teks"),
        (3, '{"id": "id-teks-kosong", "title": "Video: Banjir di Bekasi", "text": " \\n \\u200b ", "lang": "id"}',
         "empty_text", "id-teks-kosong"),
        (4, '{"id": "id-daerah-gempa-garut", "title": "Gempa Garut (pembaruan)", "text": "Versi lain dengan id yang sudah dipakai rekaman sebelumnya.", "lang": "id"}',
         "duplicate_id", "id-daerah-gempa-garut"),
        (5, '["bukan", "objek"]', "malformed_json", None),
    ],
}
