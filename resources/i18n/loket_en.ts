<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>AccountsPage</name>
    <message>
        <source>Akun &amp; Petugas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Ganti kata sandi saya</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Kata sandi baru (min. 12 karakter)</source>
        <translation>New password (min. 12 characters)</translation>
    </message>
    <message>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Kedua kata sandi baru tidak sama.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
    <message>
        <source>Kata sandi sudah diganti.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <source>Kata sandi sekarang salah.</source>
        <translation>The current password is wrong.</translation>
    </message>
    <message>
        <source>Petugas cabang</source>
        <translation>Branch officers</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Alasan penonaktifan</source>
        <translation>Reason for deactivation</translation>
    </message>
    <message>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Aktifkan / buka kunci</source>
        <translation>Activate / unlock</translation>
    </message>
    <message>
        <source>Tambah petugas</source>
        <translation>Add officer</translation>
    </message>
    <message>
        <source>Kata sandi awal</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>terkunci</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>Pilih dulu petugas di tabel.</source>
        <translation>Select an officer in the table first.</translation>
    </message>
    <message>
        <source>Petugas {username} aktif.</source>
        <translation>Officer {username} is active.</translation>
    </message>
    <message>
        <source>Petugas {username} dinonaktifkan.</source>
        <translation>Officer {username} deactivated.</translation>
    </message>
    <message>
        <source>Petugas {username} ditambahkan.</source>
        <translation>Officer {username} added.</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>Persetujuan</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <source>Pilih baris dan periksa; setujui dengan kata sandi Anda (Enter) atau tolak dengan alasan. Tab = ke kata sandi · Ctrl+Tab = tab berikutnya</source>
        <translation>Select a row and check it; approve with your password (Enter) or reject with a reason. Tab = to password · Ctrl+Tab = next tab</translation>
    </message>
    <message>
        <source>&amp;Koreksi data</source>
        <translation>&amp;Corrections</translation>
    </message>
    <message>
        <source>&amp;Cetak ulang kartu</source>
        <translation>Card re&amp;prints</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Diajukan</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Koreksi menunggu</source>
        <translation>Pending corrections</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Data lama</source>
        <translation>Old data</translation>
    </message>
    <message>
        <source>Data baru</source>
        <translation>New data</translation>
    </message>
    <message>
        <source>Data lama dan baru</source>
        <translation>Old and new data</translation>
    </message>
    <message>
        <source>Buka data peserta (F4)</source>
        <translation>Open member record (F4)</translation>
    </message>
    <message>
        <source>&amp;Setujui  (Enter)</source>
        <translation>&amp;Approve  (Enter)</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Diminta</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang</source>
        <translation>Reprint requests</translation>
    </message>
    <message>
        <source>&amp;Setujui dan cetak  (Enter)</source>
        <translation>&amp;Approve and print  (Enter)</translation>
    </message>
    <message>
        <source>&amp;Koreksi data ({corrections})</source>
        <translation>&amp;Corrections ({corrections})</translation>
    </message>
    <message>
        <source>&amp;Cetak ulang kartu ({reprints})</source>
        <translation>Card re&amp;prints ({reprints})</translation>
    </message>
    <message>
        <source>Tidak ada koreksi yang menunggu.</source>
        <translation>No corrections are waiting.</translation>
    </message>
    <message>
        <source>Koreksi {ref} · {member_nama} · {member_number}</source>
        <translation>Correction {ref} · {member_nama} · {member_number}</translation>
    </message>
    <message>
        <source>Permintaan {ref} · {name} · {number}</source>
        <translation>Request {ref} · {name} · {number}</translation>
    </message>
    <message>
        <source>Koreksi {ref} disetujui; data {member_nama} sudah diperbarui.</source>
        <translation>Correction {ref} approved; {member_nama}&apos;s record is updated.</translation>
    </message>
    <message>
        <source>Koreksi {ref} ditolak.</source>
        <translation>Correction {ref} rejected.</translation>
    </message>
    <message>
        <source>Cetak ulang {ref} disetujui. Kartu baru seri {serial}.</source>
        <translation>Reprint {ref} approved. New card serial {serial}.</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang {ref} ditolak.</source>
        <translation>Reprint request {ref} rejected.</translation>
    </message>
    <message>
        <source>Alasan: {reason}
Diajukan oleh {proposed_by}, {proposed_at}</source>
        <translation>Reason: {reason}
Proposed by {proposed_by}, {proposed_at}</translation>
    </message>
    <message>
        <source>Tidak ada permintaan cetak ulang.</source>
        <translation>No reprint requests.</translation>
    </message>
    <message>
        <source>Alasan: {reason_label}</source>
        <translation>Reason: {reason_label}</translation>
    </message>
    <message>
        <source>Kartu yang dicabut: seri {value}</source>
        <translation>Card to revoke: serial {value}</translation>
    </message>
    <message>
        <source>Diminta oleh {requested_by}, {requested_at}</source>
        <translation>Requested by {requested_by}, {requested_at}</translation>
    </message>
    <message>
        <source>Setelah disetujui, kartu baru langsung ditampilkan untuk dicetak.</source>
        <translation>Once approved, the new card is shown for printing straight away.</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda untuk menyetujui.</source>
        <translation>Enter your password to approve.</translation>
    </message>
    <message>
        <source>Tulis alasan penolakan (minimal 5 karakter).</source>
        <translation>Write the reason for rejecting (at least 5 characters).</translation>
    </message>
    <message>
        <source>Kartu peserta {serial}</source>
        <translation>Membership card {serial}</translation>
    </message>
</context>
<context>
    <name>BranchPackagesPanel</name>
    <message>
        <source>NIK sudah terdaftar</source>
        <translation>NIK already enrolled</translation>
    </message>
    <message>
        <source>Nomor dipakai orang lain</source>
        <translation>Number taken by someone else</translation>
    </message>
    <message>
        <source>Diubah di dua tempat</source>
        <translation>Changed in two places</translation>
    </message>
    <message>
        <source>Mirip peserta di sini</source>
        <translation>Resembles a member here</translation>
    </message>
    <message>
        <source>Impor paket laptop…  (Ctrl+I)</source>
        <translation>Import laptop package…  (Ctrl+I)</translation>
    </message>
    <message>
        <source>Balasan untuk laptop:</source>
        <translation>Answer for laptop:</translation>
    </message>
    <message>
        <source>Laptop jemput bola</source>
        <translation>Outreach laptop</translation>
    </message>
    <message>
        <source>Buat balasan…  (Ctrl+E)</source>
        <translation>Write answer…  (Ctrl+E)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Konflik paket</source>
        <translation>Package conflicts</translation>
    </message>
    <message>
        <source>Putuskan…  (Enter)</source>
        <translation>Decide…  (Enter)</translation>
    </message>
    <message>
        <source>Paket laptop diimpor dan konfliknya diputuskan oleh supervisor.</source>
        <translation>Laptop packages are imported, and their conflicts decided, by a supervisor.</translation>
    </message>
    <message>
        <source>{n} konflik menunggu keputusan. Pilih baris lalu Enter.</source>
        <translation>{n} conflicts await a decision. Choose a row, then Enter.</translation>
    </message>
    <message>
        <source>Tidak ada konflik yang menunggu.</source>
        <translation>No conflict is waiting.</translation>
    </message>
    <message>
        <source>Pilih paket laptop</source>
        <translation>Choose a laptop package</translation>
    </message>
    <message>
        <source>Paket Loket (*.lpkg);;Semua berkas (*)</source>
        <translation>Loket package (*.lpkg);;All files (*)</translation>
    </message>
    <message>
        <source>Impor paket laptop</source>
        <translation>Import laptop package</translation>
    </message>
    <message>
        <source>{name}
Tanda tangan, asal dan isi paket diperiksa; semua digabung atau tidak sama sekali. Balasan untuk laptop disimpan di {answer}.</source>
        <translation>{name}
The package&apos;s signature, source and content are checked; everything is merged or nothing. The answer for the laptop is saved to {answer}.</translation>
    </message>
    <message>
        <source>Periksa dan gabungkan  (Enter)</source>
        <translation>Check and merge  (Enter)</translation>
    </message>
    <message>
        <source>Menggabungkan paket…</source>
        <translation>Merging the package…</translation>
    </message>
    <message>
        <source>Paket ini sudah pernah diimpor; tidak ada yang berubah.</source>
        <translation>This package was already imported; nothing changed.</translation>
    </message>
    <message>
        <source>Paket dari {source} digabung: {members} peserta baru, {payments} pembayaran, {corrections} koreksi, {deactivations} penonaktifan; {conflicts} konflik menunggu.</source>
        <translation>Package from {source} merged: {members} new members, {payments} payments, {corrections} corrections, {deactivations} deactivations; {conflicts} conflicts waiting.</translation>
    </message>
    <message>
        <source>Balasan untuk laptop: {path}</source>
        <translation>Answer for the laptop: {path}</translation>
    </message>
    <message>
        <source>Simpan balasan untuk laptop</source>
        <translation>Save the answer for the laptop</translation>
    </message>
    <message>
        <source>Balasan cabang (*.lbal)</source>
        <translation>Branch answer (*.lbal)</translation>
    </message>
    <message>
        <source>Balasan untuk laptop {laptop} disimpan: {path}.</source>
        <translation>Answer for laptop {laptop} saved: {path}.</translation>
    </message>
    <message>
        <source>Catat keputusan konflik #{id}</source>
        <translation>Record the decision on conflict #{id}</translation>
    </message>
    <message>
        <source>Catat  (Enter)</source>
        <translation>Record  (Enter)</translation>
    </message>
    <message>
        <source>Keputusan (mis. orang sama; pakai nomor cabang)</source>
        <translation>Decision (e.g. same person; use the branch&apos;s number)</translation>
    </message>
    <message>
        <source>Konflik #{id} digabung per kolom ({taken}). Laptop menerimanya di balasan berikutnya.</source>
        <translation>Conflict #{id} merged field by field ({taken}). The laptop gets it with the next answer.</translation>
    </message>
    <message>
        <source>Keputusan konflik #{id} dicatat.</source>
        <translation>Decision on conflict #{id} recorded.</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>Buat lembar kartu  (Ctrl+Enter)</source>
        <translation>Make card sheet  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cetak Kartu</source>
        <translation>Print Cards</translation>
    </message>
    <message>
        <source>buat lembar kartu</source>
        <translation>make a card sheet</translation>
    </message>
    <message>
        <source>Lembar A4 berisi 10 kartu dengan tanda potong, untuk acara jemput bola. Peserta yang sudah memegang kartu berlaku dilewati: penggantinya lewat cetak ulang dengan persetujuan supervisor.</source>
        <translation>A4 sheets of 10 cards with cut marks, for outreach events. Members who already hold a valid card are skipped: a replacement goes through a reprint approved by a supervisor.</translation>
    </message>
    <message>
        <source>Lembar kartu A4</source>
        <translation>A4 card sheet</translation>
    </message>
    <message>
        <source>Peserta yang didaftarkan pada tanggal</source>
        <translation>Members enrolled on the date</translation>
    </message>
    <message>
        <source>Nomor peserta tertentu (satu nomor per baris)</source>
        <translation>Particular membership numbers (one per line)</translation>
    </message>
    <message>
        <source>Tanggal pendaftaran</source>
        <translation>Enrolment date</translation>
    </message>
    <message>
        <source>Nomor peserta, satu per baris</source>
        <translation>Membership numbers, one per line</translation>
    </message>
    <message>
        <source>Tampilkan lagi</source>
        <translation>Show again</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Dilewati</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Rusak cetak</source>
        <translation>Spoiled print</translation>
    </message>
    <message>
        <source>Kartu macet atau salah cetak hari ini: catat serinya agar tidak berlaku. Kartu pengganti lalu dapat dicetak biasa.</source>
        <translation>A card jammed or misprinted today: record its serial so it is void. The replacement can then be printed as usual.</translation>
    </message>
    <message>
        <source>mis. 10100000013-1</source>
        <translation>e.g. 10100000013-1</translation>
    </message>
    <message>
        <source>mis. printer macet</source>
        <translation>e.g. printer jam</translation>
    </message>
    <message>
        <source>Seri kartu</source>
        <translation>Card serial</translation>
    </message>
    <message>
        <source>Catat rusak cetak</source>
        <translation>Record spoiled print</translation>
    </message>
    <message>
        <source>Cetak ulang</source>
        <translation>Reprints</translation>
    </message>
    <message>
        <source>Menghitung permintaan cetak ulang…</source>
        <translation>Counting reprint requests…</translation>
    </message>
    <message>
        <source>Buka halaman Persetujuan</source>
        <translation>Open the Approvals page</translation>
    </message>
    <message>
        <source>Tulis minimal satu nomor peserta.</source>
        <translation>Write at least one membership number.</translation>
    </message>
    <message>
        <source>Membuat lembar…</source>
        <translation>Making sheet…</translation>
    </message>
    <message>
        <source>Membuat lembar kartu…</source>
        <translation>Making card sheet…</translation>
    </message>
    <message>
        <source>Dibatalkan. Tidak ada kartu yang dicatat.</source>
        <translation>Cancelled. No card was recorded.</translation>
    </message>
    <message>
        <source>Lembar kartu gagal dibuat; coba lagi.</source>
        <translation>The card sheet could not be made; try again.</translation>
    </message>
    <message>
        <source> · {skipped} dilewati</source>
        <translation> · {skipped} skipped</translation>
    </message>
    <message>
        <source>Tidak ada kartu yang dapat dicetak{skipped}.</source>
        <translation>No card can be printed{skipped}.</translation>
    </message>
    <message>
        <source>{n} kartu dicatat, {sheets} lembar A4 (depan dan belakang){skipped}. Cetak bolak-balik, lalu potong di tanda potong.</source>
        <translation>{n} cards recorded, {sheets} A4 sheets (front and back){skipped}. Print double-sided, then cut at the cut marks.</translation>
    </message>
    <message>
        <source>Lembar terlalu banyak untuk pratinjau. Simpan PDF lalu cetak dari pembaca PDF.</source>
        <translation>Too many sheets to preview. Save the PDF and print it from a PDF reader.</translation>
    </message>
    <message>
        <source>Lembar kartu — {n} kartu</source>
        <translation>Card sheet — {n} cards</translation>
    </message>
    <message>
        <source>Simpan lembar kartu</source>
        <translation>Save card sheet</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Tidak dapat menyimpan ke {path}. Pilih folder lain.</source>
        <translation>Cannot save to {path}. Choose another folder.</translation>
    </message>
    <message>
        <source>Lembar kartu disimpan: {path}</source>
        <translation>Card sheet saved: {path}</translation>
    </message>
    <message>
        <source>Tulis seri kartu yang rusak, mis. 10100000013-1.</source>
        <translation>Write the serial of the spoiled card, e.g. 10100000013-1.</translation>
    </message>
    <message>
        <source>Kartu seri {serial} dicatat rusak cetak dan tidak berlaku lagi. Kartu pengganti dapat dicetak biasa.</source>
        <translation>Card serial {serial} recorded as a spoiled print and is no longer valid. The replacement can be printed as usual.</translation>
    </message>
    <message>
        <source>Gagal mencatat; coba lagi.</source>
        <translation>Could not record it; try again.</translation>
    </message>
    <message>
        <source>Tidak ada permintaan cetak ulang yang menunggu persetujuan.</source>
        <translation>No reprint requests are waiting for approval.</translation>
    </message>
    <message>
        <source>1 permintaan cetak ulang menunggu persetujuan supervisor.</source>
        <translation>1 reprint request is waiting for a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>{n} permintaan cetak ulang menunggu persetujuan supervisor.</source>
        <translation>{n} reprint requests are waiting for a supervisor&apos;s approval.</translation>
    </message>
</context>
<context>
    <name>CashCountForm</name>
    <message>
        <source>Tidak ada uang tunai yang diterima hari ini.</source>
        <translation>No cash was taken today.</translation>
    </message>
    <message>
        <source>{officer}: uang dihitung (menurut pembayaran {amount})</source>
        <translation>{officer}: cash counted (payments say {amount})</translation>
    </message>
    <message>
        <source>{officer}: alasan bila tidak cocok</source>
        <translation>{officer}: reason if it does not match</translation>
    </message>
    <message>
        <source>Cocok</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>Selisih {amount}: tulis alasannya</source>
        <translation>Difference {amount}: write the reason</translation>
    </message>
    <message>
        <source>Tulis jumlah rupiah, mis. 350000 atau 350.000.</source>
        <translation>Write an amount in rupiah, e.g. 350000 or 350.000.</translation>
    </message>
</context>
<context>
    <name>CashTender</name>
    <message>
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <source>Uang diterima dari peserta (tunai)</source>
        <translation>Cash received from the member</translation>
    </message>
    <message>
        <source>Kembalian: –</source>
        <translation>Change: –</translation>
    </message>
    <message>
        <source>Kurang {amount}</source>
        <translation>Short by {amount}</translation>
    </message>
    <message>
        <source>Kembalian: {amount}</source>
        <translation>Change: {amount}</translation>
    </message>
    <message>
        <source>Kembalian {change} · Enter lagi: catat</source>
        <translation>Change {change} · Enter again: record</translation>
    </message>
    <message>
        <source>Total {total} · Enter lagi: catat</source>
        <translation>Total {total} · Enter again: record</translation>
    </message>
    <message>
        <source>Total {total} · tunai · diterima {received} · kembalian {change}. Tekan Enter sekali lagi untuk mencatat, atau ubah isian.</source>
        <translation>Total {total} · cash · received {received} · change {change}. Press Enter again to record, or change the entries.</translation>
    </message>
    <message>
        <source>Total {total} · {method}. Tekan Enter sekali lagi untuk mencatat, atau ubah isian.</source>
        <translation>Total {total} · {method}. Press Enter again to record, or change the entries.</translation>
    </message>
</context>
<context>
    <name>CheckStep</name>
    <message>
        <source>Periksa ulang</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Simpan laporan XLSX…</source>
        <translation>Save XLSX report…</translation>
    </message>
    <message>
        <source>Simpan laporan XLSX: setiap baris dengan kolom kesalahan</source>
        <translation>Save XLSX report: every row with an error column</translation>
    </message>
    <message>
        <source>Ringkasan PDF…</source>
        <translation>PDF summary…</translation>
    </message>
    <message>
        <source>Pemeriksaan selesai: {rows} baris data, {accepted} lolos, {rejected} ditolak. Belum ada yang disimpan.</source>
        <translation>Check finished: {rows} data rows, {accepted} passed, {rejected} rejected. Nothing is saved yet.</translation>
    </message>
    <message>
        <source> Tidak ada baris yang lolos: perbaiki berkas lalu periksa ulang.</source>
        <translation> No row passed: fix the file, then check again.</translation>
    </message>
    <message>
        <source> Perbaiki baris yang ditolak lalu periksa ulang, atau simpan hanya baris yang lolos.</source>
        <translation> Fix the rejected rows and check again, or save only the rows that passed.</translation>
    </message>
</context>
<context>
    <name>ClosedDayGuard</name>
    <message>
        <source>Hari ini ({day}) sudah ditutup oleh {closed_by} pukul {at}. Pendaftaran dan pembayaran baru tidak dapat disimpan sampai supervisor membuka kembali hari ini (Tutup Hari, F10).</source>
        <translation>Today ({day}) was closed by {closed_by} at {at}. New enrolments and payments cannot be saved until a supervisor reopens today (Close Day, F10).</translation>
    </message>
</context>
<context>
    <name>CommitStep</name>
    <message>
        <source>Mode penyimpanan (pilih salah satu)</source>
        <translation>How to save (choose one)</translation>
    </message>
    <message>
        <source>Semua atau tidak sama sekali</source>
        <translation>All or nothing</translation>
    </message>
    <message>
        <source>Hanya baris yang lolos</source>
        <translation>Only the rows that passed</translation>
    </message>
    <message>
        <source>Penyandang dana (tidak wajib)</source>
        <translation>Sponsor (optional)</translation>
    </message>
    <message>
        <source>Iuran seluruh peserta dibayar APBD (pemerintah daerah)</source>
        <translation>Contributions of all members paid by APBD (regional government)</translation>
    </message>
    <message>
        <source>Nama penyandang dana</source>
        <translation>Sponsor name</translation>
    </message>
    <message>
        <source>mis. Pemkab Ogan Ilir</source>
        <translation>e.g. Pemkab Ogan Ilir</translation>
    </message>
    <message>
        <source>Lama pendanaan</source>
        <translation>Funding period</translation>
    </message>
    <message>
        <source>Sumber dana setiap baris menjadi APBD dan bulan dibayar sama dengan lama pendanaan; setiap baris diperiksa ulang dengan aturan itu saat disimpan. Iuran dicatat dengan tanda bukti penyandang dana (APBD tidak mendapat potongan PP 50/2025).</source>
        <translation>Every row&apos;s funding source becomes APBD and its months paid equal the funding period; each row is checked again under that rule when saved. Contributions are recorded with a sponsor receipt (APBD gets no PP 50/2025 discount).</translation>
    </message>
    <message>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Laporan sudah saya periksa</source>
        <translation>I have checked the report</translation>
    </message>
    <message>
        <source>Penyimpanan berjalan dalam satu transaksi: bila dibatalkan atau gagal di tengah jalan, tidak ada satu pun peserta dari berkas ini yang tersimpan.</source>
        <translation>Saving runs in one transaction: if it is cancelled or fails halfway, not a single member from this file is saved.</translation>
    </message>
    <message>
        <source>Bila satu baris saja ditolak, tidak ada yang disimpan. Saat ini {rejected} baris ditolak, jadi impor akan ditolak seluruhnya.</source>
        <translation>If even one row is rejected, nothing is saved. {rejected} rows are rejected now, so the whole import will be refused.</translation>
    </message>
    <message>
        <source>Semua baris lolos pemeriksaan; semuanya disimpan bersama, atau tidak sama sekali.</source>
        <translation>All rows passed the check; they are saved together, or not at all.</translation>
    </message>
    <message>
        <source>{accepted} baris yang lolos disimpan; </source>
        <translation>{accepted} rows that passed are saved; </translation>
    </message>
    <message>
        <source>{rejected} baris yang ditolak dilewati dan tetap tercantum di laporan.</source>
        <translation>{rejected} rejected rows are skipped and stay listed in the report.</translation>
    </message>
    <message>
        <source>tidak ada baris yang ditolak.</source>
        <translation>no row is rejected.</translation>
    </message>
    <message>
        <source>Berkas: {file_name}</source>
        <translation>File: {file_name}</translation>
    </message>
    <message>
        <source>, lembar {sheet}</source>
        <translation>, sheet {sheet}</translation>
    </message>
    <message>
        <source>Baris data: {rows} · lolos {accepted} · ditolak {rejected}</source>
        <translation>Data rows: {rows} · passed {accepted} · rejected {rejected}</translation>
    </message>
    <message>
        <source>Mode: belum dipilih.</source>
        <translation>Mode: not chosen yet.</translation>
    </message>
    <message>
        <source>Mode: {mode}.</source>
        <translation>Mode: {mode}.</translation>
    </message>
    <message>
        <source>Akan ditolak seluruhnya: {rejected} baris tidak lolos.</source>
        <translation>Will be refused entirely: {rejected} rows did not pass.</translation>
    </message>
    <message>
        <source>Akan disimpan: {accepted} peserta.</source>
        <translation>Will be saved: {accepted} members.</translation>
    </message>
    <message>
        <source>(nama belum diisi)</source>
        <translation>(name not filled in)</translation>
    </message>
    <message>
        <source>Didanai {name}, {months}.</source>
        <translation>Funded by {name}, {months}.</translation>
    </message>
    <message>
        <source>Pilih mode penyimpanan: semua atau tidak sama sekali, atau hanya baris yang lolos.</source>
        <translation>Choose how to save: all or nothing, or only the rows that passed.</translation>
    </message>
    <message>
        <source>Centang bila laporan sudah diperiksa.</source>
        <translation>Tick once you have checked the report.</translation>
    </message>
</context>
<context>
    <name>ConflictMergeDialog</name>
    <message>
        <source>Nonaktif: {reason}</source>
        <translation>Inactive: {reason}</translation>
    </message>
    <message>
        <source>Gabungkan data peserta per kolom</source>
        <translation>Merge the member&apos;s data field by field</translation>
    </message>
    <message>
        <source>{name} · {number} — diubah di laptop {source} dan di cabang sejak sinkron terakhir laptop itu. Untuk tiap kolom yang berbeda, pilih data laptop (L) atau data cabang (C). Kolom yang hanya diubah di satu tempat sudah terpilih; yang diubah di keduanya wajib dipilih.</source>
        <translation>{name} · {number} — changed on laptop {source} and at the branch since that laptop&apos;s last sync. For each field that differs, take the laptop&apos;s value (L) or the branch&apos;s (C). A field changed in one place only is already chosen; one changed in both must be chosen.</translation>
    </message>
    <message>
        <source>Gabungkan  (Ctrl+Enter)</source>
        <translation>Merge  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Laptop {source}</source>
        <translation>Laptop {source}</translation>
    </message>
    <message>
        <source>Cabang</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Pakai</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>Huruf tebal: diubah di tempat itu sejak sinkron terakhir laptop.</source>
        <translation>Bold: changed there since the laptop&apos;s last sync.</translation>
    </message>
    <message>
        <source>Semua dari &amp;laptop</source>
        <translation>All from the &amp;laptop</translation>
    </message>
    <message>
        <source>Semua dari &amp;cabang</source>
        <translation>All from the &amp;branch</translation>
    </message>
    <message>
        <source>Catatan (boleh kosong)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Kata sandi {username} (konfirmasi)</source>
        <translation>{username}&apos;s password (confirmation)</translation>
    </message>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Laptop: {value}</source>
        <translation>Laptop: {value}</translation>
    </message>
    <message>
        <source>Cabang: {value}</source>
        <translation>Branch: {value}</translation>
    </message>
    <message>
        <source>Laptop: {summary} — {reason} ({by})</source>
        <translation>Laptop: {summary} — {reason} ({by})</translation>
    </message>
    <message>
        <source>Cabang: {summary}</source>
        <translation>Branch: {summary}</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda untuk menggabungkan.</source>
        <translation>Enter your password to merge.</translation>
    </message>
</context>
<context>
    <name>CounterPrintJob</name>
    <message>
        <source>Dokumen tidak dapat dibuat. Coba lagi.</source>
        <translation>The document could not be made. Try again.</translation>
    </message>
    <message>
        <source>Kartu peserta — seri {serial}</source>
        <translation>Membership card — serial {serial}</translation>
    </message>
    <message>
        <source>Tanda terima pendaftaran</source>
        <translation>Enrolment receipt</translation>
    </message>
    <message>
        <source> dan bukti iuran</source>
        <translation> and contribution receipt</translation>
    </message>
</context>
<context>
    <name>CoverPanel</name>
    <message>
        <source>Bulan tertunggak</source>
        <translation>Month owed</translation>
    </message>
    <message>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>Denda</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Bulan yang tertunggak</source>
        <translation>Months in arrears</translation>
    </message>
    <message>
        <source>Dilindungi pada &amp;tanggal:</source>
        <translation>Protected on &amp;date:</translation>
    </message>
    <message>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Dilindungi</source>
        <translation>Protected</translation>
    </message>
    <message>
        <source>Bersyarat</source>
        <translation>Conditional</translation>
    </message>
    <message>
        <source>Tidak dilindungi</source>
        <translation>Not protected</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>

Laporan (tanpa data peserta): {last_report}</source>
        <translation>

Report (without member data): {last_report}</translation>
    </message>
    <message>
        <source>Terjadi kesalahan yang tidak terduga. Data yang sedang diisi tetap ada di layar; periksa lalu coba simpan lagi. Bila berulang, hubungi IT cabang.</source>
        <translation>An unexpected error occurred. The data being entered is still on screen; check it and try saving again. If it happens again, contact branch IT.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Pasar</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>E-com</source>
        <translation>E-com</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>perbarui angka</source>
        <translation>refresh the figures</translation>
    </message>
    <message>
        <source>ringkasan saya hari ini</source>
        <translation>my summary for today</translation>
    </message>
    <message>
        <source>Perbarui  (Ctrl+U)</source>
        <translation>Refresh  (Ctrl+U)</translation>
    </message>
    <message>
        <source>Atur target…</source>
        <translation>Set targets…</translation>
    </message>
    <message>
        <source>Daftar bayar panen…</source>
        <translation>Harvest payment list…</translation>
    </message>
    <message>
        <source>Ringkasan saya hari ini  (Ctrl+R)</source>
        <translation>My summary today  (Ctrl+R)</translation>
    </message>
    <message>
        <source>Pendaftaran per kanal dan pekerjaan:</source>
        <translation>Enrolments by channel and occupation:</translation>
    </message>
    <message>
        <source>Periode grafik</source>
        <translation>Chart period</translation>
    </message>
    <message>
        <source>Per kanal</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>Per pekerjaan (terbanyak)</source>
        <translation>By occupation (most)</translation>
    </message>
    <message>
        <source>Cakupan terhadap target per kabupaten/kota</source>
        <translation>Coverage against target by regency/city</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Pekerja</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Awal</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Terlindungi kini</source>
        <translation>Protected now</translation>
    </message>
    <message>
        <source>Sejak awal</source>
        <translation>Since baseline</translation>
    </message>
    <message>
        <source>dihitung…</source>
        <translation>working out…</translation>
    </message>
    <message>
        <source>{enrolled} terdaftar, {protected} terlindungi</source>
        <translation>{enrolled} registered, {protected} protected</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Kurang</source>
        <translation>Short by</translation>
    </message>
    <message>
        <source>Kemajuan ke target</source>
        <translation>Progress to target</translation>
    </message>
    <message>
        <source>Belum ada target cakupan. </source>
        <translation>No coverage targets yet. </translation>
    </message>
    <message>
        <source>Tekan &apos;Atur target…&apos; untuk menambah kabupaten/kota.</source>
        <translation>Press &apos;Set targets…&apos; to add a regency/city.</translation>
    </message>
    <message>
        <source>Supervisor menetapkannya.</source>
        <translation>A supervisor sets them.</translation>
    </message>
    <message>
        <source>diperbarui {time}</source>
        <translation>updated {time}</translation>
    </message>
    <message>
        <source>Dasbor belum dapat dimuat. Coba perbarui (F5).</source>
        <translation>The dashboard could not be loaded. Try refreshing (F5).</translation>
    </message>
    <message>
        <source>{progress_bp} dari awal ke target</source>
        <translation>{progress_bp} of the way from baseline to target</translation>
    </message>
    <message>
        <source>Kemajuan {regency_name}</source>
        <translation>Progress of {regency_name}</translation>
    </message>
    <message>
        <source>Menyusun ringkasan…</source>
        <translation>Preparing the summary…</translation>
    </message>
    <message>
        <source>Ringkasan saya hari ini</source>
        <translation>My summary today</translation>
    </message>
    <message>
        <source>Ringkasan harian {username} — {day}</source>
        <translation>Daily summary of {username} — {day}</translation>
    </message>
    <message>
        <source>Ringkasan belum dapat dibuat. Coba lagi.</source>
        <translation>The summary could not be made. Try again.</translation>
    </message>
</context>
<context>
    <name>DayClosePage</name>
    <message>
        <source>Tutup Hari</source>
        <translation>Close Day</translation>
    </message>
    <message>
        <source>Periksa angka hari ini, pratinjau ringkasan PDF, lalu tutup hari dengan kata sandi Anda. Hari yang sudah ditutup terkunci: perubahan berikutnya dicatat pada hari kerja berikutnya.</source>
        <translation>Check today&apos;s figures, preview the PDF summary, then close the day with your password. A closed day is locked: later changes are recorded on the next working day.</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Pratinjau PDF  (Ctrl+P)</source>
        <translation>Preview PDF  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Iuran diterima</source>
        <translation>Contributions received</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>Bersih</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>Cocok dengan tanda bukti</source>
        <translation>Matches the receipts</translation>
    </message>
    <message>
        <source>Kartu baru / ulang / rusak</source>
        <translation>Cards new / reprinted / spoiled</translation>
    </message>
    <message>
        <source>Koreksi disetujui</source>
        <translation>Corrections approved</translation>
    </message>
    <message>
        <source>Penyesuaian hari sebelumnya</source>
        <translation>Adjustments to earlier days</translation>
    </message>
    <message>
        <source>Peristiwa audit terakhir hari ini</source>
        <translation>Last audit event today</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Non-tunai</source>
        <translation>Non-cash</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Dihitung</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>tampilkan angka tanggal itu lagi</source>
        <translation>show that date&apos;s figures again</translation>
    </message>
    <message>
        <source>pratinjau ringkasan PDF</source>
        <translation>preview the summary PDF</translation>
    </message>
    <message>
        <source>tutup hari</source>
        <translation>close the day</translation>
    </message>
    <message>
        <source>Tampilkan  (Ctrl+U)</source>
        <translation>Show  (Ctrl+U)</translation>
    </message>
    <message>
        <source>Per petugas: pendaftaran dan penerimaan</source>
        <translation>Per officer: enrolments and takings</translation>
    </message>
    <message>
        <source>Pendaftaran dan penerimaan per petugas</source>
        <translation>Enrolments and takings per officer</translation>
    </message>
    <message>
        <source>Tutup hari</source>
        <translation>Close day</translation>
    </message>
    <message>
        <source>Uang tunai yang diserahkan tiap petugas</source>
        <translation>Cash handed in by each officer</translation>
    </message>
    <message>
        <source>Kata sandi Anda</source>
        <translation>Your password</translation>
    </message>
    <message>
        <source>Tutup hari  (Ctrl+Enter)</source>
        <translation>Close day  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Buka kembali hari</source>
        <translation>Reopen day</translation>
    </message>
    <message>
        <source>Alasan (dicatat di jejak audit)</source>
        <translation>Reason (recorded in the audit trail)</translation>
    </message>
    <message>
        <source>Buka kembali</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Lihat PDF arsip</source>
        <translation>View archived PDF</translation>
    </message>
    <message>
        <source>Cocok</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>TIDAK cocok ({difference})</source>
        <translation>Does NOT match ({difference})</translation>
    </message>
    <message>
        <source>{day_text}: DITUTUP oleh {closed_by} pukul {at}</source>
        <translation>{day_text}: CLOSED by {closed_by} at {at}</translation>
    </message>
    <message>
        <source>PDF arsip SHA-256: {pdf_sha256}</source>
        <translation>Archived PDF SHA-256: {pdf_sha256}</translation>
    </message>
    <message>
        <source> (dibuka kembali oleh {reopened_by})</source>
        <translation> (reopened by {reopened_by})</translation>
    </message>
    <message>
        <source>{day_text}: belum ditutup{suffix}</source>
        <translation>{day_text}: not closed yet{suffix}</translation>
    </message>
    <message>
        <source>Ringkasan hari belum dapat dimuat.</source>
        <translation>The day&apos;s summary could not be loaded.</translation>
    </message>
    <message>
        <source>Menyusun ringkasan dan memeriksa rantai audit…</source>
        <translation>Preparing the summary and checking the audit chain…</translation>
    </message>
    <message>
        <source>Ringkasan harian</source>
        <translation>Daily summary</translation>
    </message>
    <message>
        <source>Ringkasan harian {date}</source>
        <translation>Daily summary {date}</translation>
    </message>
    <message>
        <source>PDF belum dapat dibuat.</source>
        <translation>The PDF could not be made.</translation>
    </message>
    <message>
        <source>Arsip penutupan {date}</source>
        <translation>Closing archive {date}</translation>
    </message>
    <message>
        <source>Arsip tidak dapat dibuka.</source>
        <translation>The archive could not be opened.</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda untuk menutup hari.</source>
        <translation>Enter your password to close the day.</translation>
    </message>
    <message>
        <source>Menyusun ringkasan, memeriksa rantai audit dan mengarsipkan PDF…</source>
        <translation>Preparing the summary, checking the audit chain and archiving the PDF…</translation>
    </message>
    <message>
        <source>Hari {day} sudah ditutup dan PDF-nya diarsipkan.</source>
        <translation>{day} is closed and its PDF archived.</translation>
    </message>
    <message>
        <source>Hari belum ditutup. Coba lagi.</source>
        <translation>The day is not closed. Try again.</translation>
    </message>
    <message>
        <source>Periksa uang tunai per petugas.</source>
        <translation>Check the cash per officer.</translation>
    </message>
    <message>
        <source>Menutup hari</source>
        <translation>Closing the day</translation>
    </message>
    <message>
        <source>Tulis alasan membuka kembali hari (minimal 5 karakter).</source>
        <translation>Write the reason for reopening the day (at least 5 characters).</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Hari {day} dibuka kembali.</source>
        <translation>{day} reopened.</translation>
    </message>
    <message>
        <source>Kata sandi salah.</source>
        <translation>Wrong password.</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Digabung</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>meninggal dunia</source>
        <translation>died</translation>
    </message>
    <message>
        <source>pindah ke luar negeri</source>
        <translation>moved abroad</translation>
    </message>
    <message>
        <source>duplikat, digabung ke nomor lain</source>
        <translation>duplicate, merged into another number</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Bulanan</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>Saat panen: {months}</source>
        <translation>At harvest: {months}</translation>
    </message>
    <message>
        <source>Digabung → {number}</source>
        <translation>Merged → {number}</translation>
    </message>
    <message>
        <source>Belum aktif</source>
        <translation>Not yet active</translation>
    </message>
    <message>
        <source>Berakhir</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Menunggak {months}</source>
        <translation>{months} in arrears</translation>
    </message>
    <message>
        <source>1 bulan</source>
        <translation>1 month</translation>
    </message>
    <message>
        <source>{n} bulan</source>
        <translation>{n} months</translation>
    </message>
    <message>
        <source>Terjadi kesalahan; data tidak berubah. Coba lagi, atau hubungi TI cabang bila berulang.</source>
        <translation>Something went wrong; no data changed. Try again, or contact branch IT if it happens again.</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Wilayah NIK</source>
        <translation>NIK region</translation>
    </message>
    <message>
        <source>Kemungkinan data ganda</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Nama mirip, tanggal lahir dan kecamatan NIK sama dengan peserta yang sudah terdaftar. Bandingkan dengan KTP. Sel hijau = sama persis dengan formulir.</source>
        <translation>Similar name, and the same date of birth and NIK district as a member already enrolled. Compare with the KTP. Green cell = exactly the same as the form.</translation>
    </message>
    <message>
        <source>Perbandingan data formulir dan peserta terdaftar</source>
        <translation>Comparison of the form with enrolled members</translation>
    </message>
    <message>
        <source>Orang yang sama? Jangan didaftarkan lagi.</source>
        <translation>The same person? Do not enrol them again.</translation>
    </message>
    <message>
        <source>Buka data peserta</source>
        <translation>Open member record</translation>
    </message>
    <message>
        <source>Kembali ke formulir  (Esc)</source>
        <translation>Back to the form  (Esc)</translation>
    </message>
    <message>
        <source>Bukan orang yang sama — simpan dengan persetujuan supervisor</source>
        <translation>Not the same person — save with a supervisor&apos;s approval</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>mis. orang berbeda, sudah dicek KK</source>
        <translation>e.g. different person, family card checked</translation>
    </message>
    <message>
        <source>Simpan dengan persetujuan  (Ctrl+Enter)</source>
        <translation>Save with approval  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Formulir ini</source>
        <translation>This form</translation>
    </message>
    <message>
        <source>{number}
{status} · nama mirip {similarity:.0f}%</source>
        <translation>{number}
{status} · name {similarity:.0f}% similar</translation>
    </message>
    <message>
        <source>Sama dengan formulir</source>
        <translation>Same as the form</translation>
    </message>
    <message>
        <source>Buka data peserta pertama</source>
        <translation>Open the first member record</translation>
    </message>
    <message>
        <source>Nama pengguna supervisor wajib diisi.</source>
        <translation>The supervisor&apos;s username is required.</translation>
    </message>
    <message>
        <source>Kata sandi supervisor wajib diisi.</source>
        <translation>The supervisor&apos;s password is required.</translation>
    </message>
    <message>
        <source>Alasan wajib diisi (minimal 5 karakter).</source>
        <translation>A reason is required (at least 5 characters).</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>EnrolmentPaymentPanel</name>
    <message>
        <source>Terima pembayaran  (Ctrl+B)</source>
        <translation>Take payment  (Ctrl+B)</translation>
    </message>
    <message>
        <source>Ya, catat pembayaran  (Enter)</source>
        <translation>Yes, record the payment  (Enter)</translation>
    </message>
    <message>
        <source>Pembayaran iuran</source>
        <translation>Contribution payment</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>No. referensi (transfer/SP2D/surat)</source>
        <translation>Reference no. (transfer/SP2D/letter)</translation>
    </message>
    <message>
        <source>Bayar {months}</source>
        <translation>Pay {months}</translation>
    </message>
    <message>
        <source>Lunas {months} · {period}</source>
        <translation>Paid {months} · {period}</translation>
    </message>
    <message>
        <source>  (tanpa potongan: dana APBD)</source>
        <translation>  (no discount: APBD funds)</translation>
    </message>
    <message>
        <source>Nomor referensi wajib untuk cara bayar ini.</source>
        <translation>A reference number is required for this payment method.</translation>
    </message>
    <message>
        <source>Menyimpan pembayaran…</source>
        <translation>Saving payment…</translation>
    </message>
    <message>
        <source> · ref. {reference}</source>
        <translation> · ref. {reference}</translation>
    </message>
    <message>
        <source> · diterima {received} · kembalian {change}</source>
        <translation> · received {received} · change {change}</translation>
    </message>
    <message>
        <source>{method_label}{ref}
Tanda bukti {receipt_no}</source>
        <translation>{method_label}{ref}
Receipt {receipt_no}</translation>
    </message>
    <message>
        <source>Pembayaran gagal disimpan; coba lagi.</source>
        <translation>The payment could not be saved; try again.</translation>
    </message>
</context>
<context>
    <name>EodTargetsDialog</name>
    <message>
        <source>Target cakupan per kabupaten/kota</source>
        <translation>Coverage targets by regency/city</translation>
    </message>
    <message>
        <source>Cakupan sekarang = cakupan awal + peserta wilayah itu yang mendaftar sesudah tanggal awal. Contoh: Sumatera Selatan menargetkan 50% pekerja terlindungi, dari 34%.</source>
        <translation>Coverage now = baseline coverage + members of that region enrolled after the baseline date. Example: South Sumatra targets 50% of workers protected, up from 34%.</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Pekerja</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Awal</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Kode kabupaten/kota (Kemendagri)</source>
        <translation>Regency/city code (Kemendagri)</translation>
    </message>
    <message>
        <source>Pekerja di wilayah</source>
        <translation>Workers in the region</translation>
    </message>
    <message>
        <source>Cakupan awal (%)</source>
        <translation>Baseline coverage (%)</translation>
    </message>
    <message>
        <source>Target (%)</source>
        <translation>Target (%)</translation>
    </message>
    <message>
        <source>Tanggal cakupan awal</source>
        <translation>Baseline date</translation>
    </message>
    <message>
        <source>Simpan target  (Enter)</source>
        <translation>Save target  (Enter)</translation>
    </message>
    <message>
        <source>Hapus yang dipilih</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>Tutup  (Esc)</source>
        <translation>Close  (Esc)</translation>
    </message>
    <message>
        <source>Tulis jumlah pekerja dengan angka.</source>
        <translation>Write the number of workers in digits.</translation>
    </message>
    <message>
        <source>Target {regency_name} disimpan.</source>
        <translation>Target for {regency_name} saved.</translation>
    </message>
    <message>
        <source>Target belum tersimpan.</source>
        <translation>The target is not saved.</translation>
    </message>
    <message>
        <source>Pilih dulu baris target yang akan dihapus.</source>
        <translation>Select the target row to delete first.</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <source>— abaikan kolom ini —</source>
        <translation>— ignore this column —</translation>
    </message>
    <message>
        <source>— otomatis: lembar dengan judul kolom yang dikenali —</source>
        <translation>— automatic: the sheet with recognised column headings —</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 (dengan BOM)</source>
        <translation>UTF-8 (with BOM)</translation>
    </message>
    <message>
        <source>Windows-1252 (ANSI)</source>
        <translation>Windows-1252 (ANSI)</translation>
    </message>
    <message>
        <source>UTF-16 (Teks Unicode dari Excel)</source>
        <translation>UTF-16 (Unicode text from Excel)</translation>
    </message>
    <message>
        <source>koma ( , )</source>
        <translation>comma ( , )</translation>
    </message>
    <message>
        <source>titik koma ( ; )</source>
        <translation>semicolon ( ; )</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>dikenali dari judul kolom</source>
        <translation>recognised from the column headings</translation>
    </message>
    <message>
        <source>pemetaan tersimpan dari impor sebelumnya</source>
        <translation>mapping saved from an earlier import</translation>
    </message>
    <message>
        <source>dipilih petugas</source>
        <translation>chosen by the officer</translation>
    </message>
    <message>
        <source>semua atau tidak sama sekali</source>
        <translation>all or nothing</translation>
    </message>
    <message>
        <source>hanya baris yang lolos</source>
        <translation>only the rows that passed</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{n} bita</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>Berkas yang diimpor</source>
        <translation>File to import</translation>
    </message>
    <message>
        <source>mis. C:\Data\pemkab-ogan-ilir.xlsx</source>
        <translation>e.g. C:\Data\pemkab-ogan-ilir.xlsx</translation>
    </message>
    <message>
        <source>Pilih berkas…  (Ctrl+O)</source>
        <translation>Choose file…  (Ctrl+O)</translation>
    </message>
    <message>
        <source>Berkas XLSX atau CSV</source>
        <translation>XLSX or CSV file</translation>
    </message>
    <message>
        <source>Lembar (XLSX)</source>
        <translation>Sheet (XLSX)</translation>
    </message>
    <message>
        <source>Daftar lembar muncul setelah berkas dibaca; ganti lembar lalu tekan Enter untuk membaca ulang.</source>
        <translation>The sheet list appears once the file is read; change the sheet, then press Enter to read it again.</translation>
    </message>
    <message>
        <source>Isi berkas</source>
        <translation>What the file holds</translation>
    </message>
    <message>
        <source>Satu baris per pekerja dengan judul kolom di atasnya (baris judul dokumen di atas judul kolom boleh ada). Judul kolom memakai kunci rekaman — nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, nama_ibu, alamat, pekerjaan, segmen, penghasilan, program, … — atau variannya seperti “Nama Lengkap” dan “Tgl Lahir”; judul lain dapat dipetakan di langkah 3.</source>
        <translation>One row per worker with column headings above (document title rows above the headings are fine). Headings use the record keys — nik, nama, tempat_lahir, tanggal_lahir, jenis_kelamin, nama_ibu, alamat, pekerjaan, segmen, penghasilan, program, … — or variants such as “Nama Lengkap” and “Tgl Lahir”; other headings can be mapped in step 3.</translation>
    </message>
    <message>
        <source>CSV: UTF-8 atau Windows-1252, pemisah koma atau titik koma. Format kolom NIK sebagai Teks agar Excel tidak mengubah digit terakhirnya.</source>
        <translation>CSV: UTF-8 or Windows-1252, comma or semicolon separated. Format the NIK column as Text so Excel does not change its last digits.</translation>
    </message>
    <message>
        <source>Unduh templat XLSX…</source>
        <translation>Download XLSX template…</translation>
    </message>
    <message>
        <source>Unduh templat XLSX kosong dengan judul kolom dan petunjuk</source>
        <translation>Download an empty XLSX template with column headings and guidance</translation>
    </message>
    <message>
        <source>Templat kosong: judul kolom, petunjuk isi dan daftar pilihan.</source>
        <translation>Empty template: column headings, what to fill in and lists of choices.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Loket — Pengaturan awal</source>
        <translation>Loket — First setup</translation>
    </message>
    <message>
        <source>Selamat datang di Loket</source>
        <translation>Welcome to Loket</translation>
    </message>
    <message>
        <source>Langkah 1 dari 2 — Basis data. Satu loket di laptop atau di acara desa/pasar memakai basis data lokal. Bila beberapa loket di kantor cabang berbagi satu server, pilih server cabang.</source>
        <translation>Step 1 of 2 — Database. A single counter on a laptop or at a village/market event uses a local database. When several counters in a branch office share one server, choose the branch server.</translation>
    </message>
    <message>
        <source>Basis data lokal di komputer ini (SQLite) — disarankan untuk satu loket</source>
        <translation>Local database on this computer (SQLite) — recommended for a single counter</translation>
    </message>
    <message>
        <source>Server cabang (PostgreSQL)</source>
        <translation>Branch server (PostgreSQL)</translation>
    </message>
    <message>
        <source>postgresql+psycopg://loket@server-cabang/loket</source>
        <translation>postgresql+psycopg://loket@branch-server/loket</translation>
    </message>
    <message>
        <source>Alamat server basis data</source>
        <translation>Database server address</translation>
    </message>
    <message>
        <source>Nama loket ini (dicetak di tanda terima)</source>
        <translation>This counter&apos;s name (printed on receipts)</translation>
    </message>
    <message>
        <source>mis. Loket 1, Meja Depan, Laptop Desa 2</source>
        <translation>e.g. Counter 1, Front Desk, Village Laptop 2</translation>
    </message>
    <message>
        <source>Tes koneksi</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Isi alamat server, atau pilih basis data lokal.</source>
        <translation>Fill in the server address, or choose the local database.</translation>
    </message>
    <message>
        <source>— tanyakan setiap mencetak —</source>
        <translation>— ask every time I print —</translation>
    </message>
    <message>
        <source>Kode cabang (3 digit)</source>
        <translation>Branch code (3 digits)</translation>
    </message>
    <message>
        <source>awalan nomor peserta</source>
        <translation>prefix of membership numbers</translation>
    </message>
    <message>
        <source>Nama kantor cabang</source>
        <translation>Branch office name</translation>
    </message>
    <message>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor&apos;s username</translation>
    </message>
    <message>
        <source>Nama lengkap supervisor</source>
        <translation>Supervisor&apos;s full name</translation>
    </message>
    <message>
        <source>Kata sandi (minimal 12 karakter)</source>
        <translation>Password (at least 12 characters)</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>mis. Loket 1, Meja Depan</source>
        <translation>e.g. Counter 1, Front Desk</translation>
    </message>
    <message>
        <source>Printer kartu</source>
        <translation>Card printer</translation>
    </message>
    <message>
        <source>bisa diubah di Pengaturan</source>
        <translation>can be changed in Settings</translation>
    </message>
    <message>
        <source>Simpan dan mulai</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <source>Langkah 2 dari 2 — Basis data siap. Isi data kantor cabang dan akun supervisor pertama.</source>
        <translation>Step 2 of 2 — The database is ready. Fill in the branch office and the first supervisor account.</translation>
    </message>
    <message>
        <source>
Basis data: {label}</source>
        <translation>
Database: {label}</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Data belum disimpan</source>
        <translation>Unsaved data</translation>
    </message>
    <message>
        <source>Formulir pendaftaran {who} belum disimpan.</source>
        <translation>{who}&apos;s enrolment form is not saved.</translation>
    </message>
    <message>
        <source>Formulir pendaftaran belum disimpan.</source>
        <translation>The enrolment form is not saved.</translation>
    </message>
    <message>
        <source>Simpan sementara: formulir kembali seperti ini saat {officer} masuk lagi (hanya di komputer ini, sampai Loket ditutup). Buang: isi formulir dihapus.</source>
        <translation>Keep for now: the form comes back like this when {officer} logs in again (on this computer only, until Loket is closed). Discard: the form is cleared.</translation>
    </message>
    <message>
        <source>Simpan sementara</source>
        <translation>Keep for now</translation>
    </message>
    <message>
        <source>Bila Loket ditutup, isi formulir hilang. Simpan dulu dengan Ctrl+S.</source>
        <translation>If Loket is closed, the form is lost. Save it first with Ctrl+S.</translation>
    </message>
    <message>
        <source>Buang dan keluar</source>
        <translation>Discard and quit</translation>
    </message>
    <message>
        <source>Buang</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Kembali ke formulir</source>
        <translation>Back to the form</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Bantuan: daftar pintasan ini</source>
        <translation>Help: this list of shortcuts</translation>
    </message>
    <message>
        <source>Kunci layar sekarang (perlu kata sandi untuk membuka)</source>
        <translation>Lock the screen now (the password unlocks it)</translation>
    </message>
    <message>
        <source>Ganti petugas: keluar akun tanpa menutup Loket (formulir belum disimpan ditanyakan)</source>
        <translation>Switch officer: log out without closing Loket (unsaved forms are asked about)</translation>
    </message>
    <message>
        <source>Tutup Loket</source>
        <translation>Quit Loket</translation>
    </message>
    <message>
        <source>Buka menu Loket</source>
        <translation>Open the Loket menu</translation>
    </message>
    <message>
        <source>Kolom berikutnya / sebelumnya</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <source>Di formulir pendaftaran: kolom berikutnya; di tombol: jalankan</source>
        <translation>On the enrolment form: next field; on a button: press it</translation>
    </message>
    <message>
        <source>Tutup jendela pratinjau atau dialog</source>
        <translation>Close a preview window or dialog</translation>
    </message>
    <message>
        <source>Di dialog: jalankan tombol utama</source>
        <translation>In a dialog: run the main button</translation>
    </message>
    <message>
        <source>Di pratinjau PDF: cetak / simpan PDF</source>
        <translation>In a PDF preview: print / save the PDF</translation>
    </message>
    <message>
        <source>Di Baca KTP: buka berkas gambar / tempel gambar</source>
        <translation>In Read KTP: open an image file / paste an image</translation>
    </message>
    <message>
        <source>Bantuan — pintasan keyboard</source>
        <translation>Help — keyboard shortcuts</translation>
    </message>
    <message>
        <source>Pintasan keyboard</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Semua pekerjaan di loket bisa dilakukan dengan keyboard saja. Pemindai QR/barcode USB bekerja seperti keyboard di kotak pencarian dan di Verifikasi Kartu.</source>
        <translation>All counter work can be done with the keyboard alone. A USB QR/barcode scanner types like a keyboard into the search box and into Verify Card.</translation>
    </message>
    <message>
        <source>Buka halaman {label}</source>
        <translation>Open the {label} page</translation>
    </message>
    <message>
        <source>Tombol</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Fungsi</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Tutup  (Esc)</source>
        <translation>Close  (Esc)</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <source>Iuran yang jatuh tempo pada hari Sabtu, Minggu atau hari libur bergeser ke hari kerja berikutnya. Daftar libur nasional berasal dari paket &apos;holidays&apos;; tambahkan keputusan yang terlambat atau libur daerah di sini. Berlaku untuk semua loket.</source>
        <translation>A contribution due on a Saturday, Sunday or holiday is due on the next working day. The national holidays come from the &apos;holidays&apos; package; add late decrees or regional holidays here. It applies to every counter.</translation>
    </message>
    <message>
        <source>Cuti bersama menggeser jatuh tempo (belum terkonfirmasi)</source>
        <translation>Joint leave days (cuti bersama) move due dates (unconfirmed)</translation>
    </message>
    <message>
        <source>&amp;Tahun:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Hari libur</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>Sumber</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Hari libur tahun ini</source>
        <translation>This year&apos;s holidays</translation>
    </message>
    <message>
        <source>Pengecualian supervisor</source>
        <translation>Supervisor&apos;s exceptions</translation>
    </message>
    <message>
        <source>nama / dasar keputusan</source>
        <translation>name / decree</translation>
    </message>
    <message>
        <source>Nama hari libur</source>
        <translation>Holiday name</translation>
    </message>
    <message>
        <source>kata sandi Anda</source>
        <translation>your password</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>Jadikan hari libur</source>
        <translation>Make it a holiday</translation>
    </message>
    <message>
        <source>Jadikan hari kerja</source>
        <translation>Make it a working day</translation>
    </message>
    <message>
        <source>Hapus pengecualian</source>
        <translation>Remove exception</translation>
    </message>
    <message>
        <source>Simpan pilihan cuti bersama</source>
        <translation>Save the joint leave choice</translation>
    </message>
    <message>
        <source>Daftar hari libur diperbarui; jatuh tempo semua loket mengikutinya.</source>
        <translation>Holiday list updated; every counter&apos;s due dates follow it.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Pratinjau</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Pemetaan kolom</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>Pemeriksaan</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Baca berkas  (Enter)</source>
        <translation>Read file  (Enter)</translation>
    </message>
    <message>
        <source>Lanjut: pemetaan kolom  (Enter)</source>
        <translation>Next: column mapping  (Enter)</translation>
    </message>
    <message>
        <source>Lanjut: periksa semua baris  (Enter)</source>
        <translation>Next: check every row  (Enter)</translation>
    </message>
    <message>
        <source>Lanjut: simpan  (Enter)</source>
        <translation>Next: save  (Enter)</translation>
    </message>
    <message>
        <source>Simpan ke basis data  (Enter)</source>
        <translation>Save to the database  (Enter)</translation>
    </message>
    <message>
        <source>Impor berkas lain  (Enter)</source>
        <translation>Import another file  (Enter)</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibaca atau ditulis{where}: {value}.</source>
        <translation>The file could not be read or written{where}: {value}.</translation>
    </message>
    <message>
        <source>kesalahan sistem berkas</source>
        <translation>file system error</translation>
    </message>
    <message>
        <source>Terjadi kesalahan yang tidak terduga. Tidak ada yang berubah; coba lagi.</source>
        <translation>An unexpected error occurred. Nothing changed; try again.</translation>
    </message>
    <message>
        <source>Impor Massal</source>
        <translation>Bulk Import</translation>
    </message>
    <message>
        <source>langkah sebelumnya</source>
        <translation>previous step</translation>
    </message>
    <message>
        <source>langkah berikutnya</source>
        <translation>next step</translation>
    </message>
    <message>
        <source>Banyak pekerja sekaligus dari XLSX/CSV. Setiap baris diperiksa dulu; tidak ada yang disimpan sebelum langkah 5.   Enter = lanjut · Alt+← = kembali</source>
        <translation>Many workers at once from XLSX/CSV. Every row is checked first; nothing is saved before step 5.   Enter = next · Alt+← = back</translation>
    </message>
    <message>
        <source>‹ Kembali  (Alt+←)</source>
        <translation>‹ Back  (Alt+←)</translation>
    </message>
    <message>
        <source>Kembali ke langkah sebelumnya</source>
        <translation>Back to the previous step</translation>
    </message>
    <message>
        <source>Pilih berkas impor</source>
        <translation>Choose the import file</translation>
    </message>
    <message>
        <source>Lembar kerja (*.xlsx *.csv *.txt);;Semua berkas (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Pilih berkas XLSX atau CSV yang akan diimpor.</source>
        <translation>Choose the XLSX or CSV file to import.</translation>
    </message>
    <message>
        <source>Membaca berkas…</source>
        <translation>Reading file…</translation>
    </message>
    <message>
        <source>Berkas ini tidak dapat diimpor; alasannya di bawah kolom berkas. Tidak ada yang berubah.</source>
        <translation>This file cannot be imported; the reason is under the file field. Nothing changed.</translation>
    </message>
    <message>
        <source>Simpan templat impor</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Templat disimpan: {out}
Isi mulai baris 3; baris 2 berisi petunjuk dan dilewati.</source>
        <translation>Template saved: {out}
Fill in from row 3; row 2 holds guidance and is skipped.</translation>
    </message>
    <message>
        <source>Menyimpan pemetaan…</source>
        <translation>Saving mapping…</translation>
    </message>
    <message>
        <source>Pemetaan disimpan untuk berkas berikutnya.</source>
        <translation>Mapping saved for the next file.</translation>
    </message>
    <message>
        <source>Memeriksa setiap baris…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Memeriksa baris…</source>
        <translation>Checking rows…</translation>
    </message>
    <message>
        <source>Pemeriksaan tidak dapat dilakukan.</source>
        <translation>The check could not be run.</translation>
    </message>
    <message>
        <source>{exc}
Tidak ada yang berubah di basis data.</source>
        <translation>{exc}
Nothing changed in the database.</translation>
    </message>
    <message>
        <source>Pemeriksaan dibatalkan. Tekan “Periksa ulang” untuk memulai lagi.</source>
        <translation>Check cancelled. Press “Check again” to start over.</translation>
    </message>
    <message>
        <source>Pemeriksaan dibatalkan. Tidak ada yang berubah.</source>
        <translation>Check cancelled. Nothing changed.</translation>
    </message>
    <message>
        <source>Belum bisa disimpan: lengkapi yang ditandai merah.</source>
        <translation>Cannot save yet: complete what is marked red.</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Menyimpan peserta…</source>
        <translation>Saving members…</translation>
    </message>
    <message>
        <source>Tersimpan: {enrolled} peserta, batch #{batch_id}.</source>
        <translation>Saved: {enrolled} members, batch #{batch_id}.</translation>
    </message>
    <message>
        <source>
Alt+← kembali ke langkah 4 untuk memeriksa ulang.</source>
        <translation>
Alt+← goes back to step 4 to check again.</translation>
    </message>
    <message>
        <source>{text}
Tidak ada yang disimpan.</source>
        <translation>{text}
Nothing was saved.</translation>
    </message>
    <message>
        <source> Jumlah pendaftaran di basis data: {before} sebelum, {after} sesudah.</source>
        <translation> Enrolments in the database: {before} before, {after} after.</translation>
    </message>
    <message>
        <source>Penyimpanan dibatalkan. Tidak ada peserta dari berkas ini yang tersimpan.</source>
        <translation>Saving cancelled. No member from this file was saved.</translation>
    </message>
    <message>
        <source>Dibatalkan; basis data seperti sebelum impor.</source>
        <translation>Cancelled; the database is as it was before the import.</translation>
    </message>
    <message>
        <source>Tanda bukti penyandang dana tidak dapat dibaca: {exc}</source>
        <translation>The sponsor receipt could not be read: {exc}</translation>
    </message>
    <message>
        <source>Tanda bukti penyandang dana {receipt}</source>
        <translation>Sponsor receipt {receipt}</translation>
    </message>
    <message>
        <source>Simpan laporan XLSX</source>
        <translation>Save XLSX report</translation>
    </message>
    <message>
        <source>Laporan XLSX disimpan: {out}</source>
        <translation>XLSX report saved: {out}</translation>
    </message>
    <message>
        <source>Ringkasan hasil impor</source>
        <translation>Import result summary</translation>
    </message>
    <message>
        <source>Ringkasan pemeriksaan impor</source>
        <translation>Import check summary</translation>
    </message>
</context>
<context>
    <name>ImportReportPanel</name>
    <message>
        <source>Baris data</source>
        <translation>Data rows</translation>
    </message>
    <message>
        <source>Lolos pemeriksaan</source>
        <translation>Passed the check</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Duplikat NIK (di berkas / sudah terdaftar)</source>
        <translation>Duplicate NIK (in the file / already enrolled)</translation>
    </message>
    <message>
        <source>Mungkin duplikat (periksa KTP)</source>
        <translation>Possible duplicate (check the KTP)</translation>
    </message>
    <message>
        <source>Dengan peringatan</source>
        <translation>With warnings</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Contoh pesan</source>
        <translation>Sample message</translation>
    </message>
    <message>
        <source>Masalah menurut kode</source>
        <translation>Problems by code</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Pesan</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Baris bermasalah</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <source>Baris bermasalah (nomor baris seperti di Excel)</source>
        <translation>Rows with problems (row numbers as in Excel)</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Lolos, tetapi tidak disimpan</source>
        <translation>Passed, but not saved</translation>
    </message>
    <message>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Hanya sebagian baris bermasalah ditampilkan; laporan XLSX memuat setiap baris.</source>
        <translation>Only some of the rows with problems are shown; the XLSX report holds every row.</translation>
    </message>
    <message>
        <source>Tidak ada baris bermasalah.</source>
        <translation>No rows with problems.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>BPU — Bukan Penerima Upah</source>
        <translation>BPU — Non-wage earner</translation>
    </message>
    <message>
        <source>PU — Penerima Upah</source>
        <translation>PU — Wage earner</translation>
    </message>
    <message>
        <source>Jasa Konstruksi</source>
        <translation>Construction services</translation>
    </message>
    <message>
        <source>PMI — Pekerja Migran</source>
        <translation>PMI — Migrant worker</translation>
    </message>
    <message>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>L — Laki-laki</source>
        <translation>L — Male</translation>
    </message>
    <message>
        <source>P — Perempuan</source>
        <translation>P — Female</translation>
    </message>
    <message>
        <source>Cetak kartu &amp;&amp; tanda terima (Ctrl+P)</source>
        <translation>Print card &amp;&amp; receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>pindah ke kolom berikutnya (kolom yang terisi dari NIK dilewati)</source>
        <translation>move to the next field (fields filled from the NIK are skipped)</translation>
    </message>
    <message>
        <source>simpan pendaftaran</source>
        <translation>save the enrolment</translation>
    </message>
    <message>
        <source>peserta berikutnya (formulir kosong)</source>
        <translation>next member (empty form)</translation>
    </message>
    <message>
        <source>terima pembayaran (Enter lagi untuk mencatat)</source>
        <translation>take the payment (Enter again to record)</translation>
    </message>
    <message>
        <source>cetak kartu dan tanda terima</source>
        <translation>print the card and receipts</translation>
    </message>
    <message>
        <source>bandingkan data dengan peserta yang mirip</source>
        <translation>compare with similar members</translation>
    </message>
    <message>
        <source>baca KTP: kamera, berkas, folder pemindai, tempel, atau seret gambar</source>
        <translation>read a KTP: camera, file, scanner folder, paste, or drag a picture</translation>
    </message>
    <message>
        <source>Pendaftaran Peserta</source>
        <translation>Member Enrolment</translation>
    </message>
    <message>
        <source>Ketik NIK dari KTP (atau Ctrl+K: baca KTP); tanggal lahir, jenis kelamin dan wilayah terisi sendiri. Enter = kolom berikutnya · Ctrl+S = simpan · Ctrl+N = peserta berikutnya</source>
        <translation>Type the NIK from the KTP (or Ctrl+K: read the KTP); birth date, gender and region fill themselves. Enter = next field · Ctrl+S = save · Ctrl+N = next worker</translation>
    </message>
    <message>
        <source>— tidak diisi —</source>
        <translation>— not filled in —</translation>
    </message>
    <message>
        <source>NIK (16 digit)</source>
        <translation>NIK (16 digits)</translation>
    </message>
    <message>
        <source>Nama lengkap (sesuai KTP)</source>
        <translation>Full name (as on the KTP)</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir (HH-BB-TTTT)</source>
        <translation>Date of birth (DD-MM-YYYY)</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>08… atau +62…</source>
        <translation>08… or +62…</translation>
    </message>
    <message>
        <source>Alamat (jalan, RT/RW)</source>
        <translation>Address (street, RT/RW)</translation>
    </message>
    <message>
        <source>Desa/kelurahan domisili</source>
        <translation>Village of residence</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Penghasilan per bulan (Rp)</source>
        <translation>Monthly income (Rp)</translation>
    </message>
    <message>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>NPP perusahaan</source>
        <translation>Employer NPP</translation>
    </message>
    <message>
        <source>Program (JKK dan JKM wajib)</source>
        <translation>Programmes (JKK and JKM required)</translation>
    </message>
    <message>
        <source>Bulan dibayar saat daftar</source>
        <translation>Months paid at enrolment</translation>
    </message>
    <message>
        <source>Ahli waris (NAMA:HUBUNGAN; …)</source>
        <translation>Heirs (NAME:RELATION; …)</translation>
    </message>
    <message>
        <source>mis. BUDI SANTOSO:SUAMI; ANI:ANAK</source>
        <translation>e.g. BUDI SANTOSO:SUAMI; ANI:ANAK</translation>
    </message>
    <message>
        <source>Sumber dana</source>
        <translation>Funding source</translation>
    </message>
    <message>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Sudah dicek dengan KTP: tanggal lahir/jenis kelamin memang berbeda dengan NIK</source>
        <translation>Checked against the KTP: date of birth/sex really differ from the NIK</translation>
    </message>
    <message>
        <source>Baca KTP…  (Ctrl+K)</source>
        <translation>Read KTP…  (Ctrl+K)</translation>
    </message>
    <message>
        <source>Tersimpan. Nomor peserta:</source>
        <translation>Saved. Membership number:</translation>
    </message>
    <message>
        <source>Bandingkan data  (Ctrl+D)</source>
        <translation>Compare records  (Ctrl+D)</translation>
    </message>
    <message>
        <source>Cetak kartu dan tanda terima</source>
        <translation>Print card and receipt</translation>
    </message>
    <message>
        <source>Simpan  (Ctrl+S)</source>
        <translation>Save  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Peserta berikutnya  (Ctrl+N)</source>
        <translation>Next member  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Lahir {birth_date} · {gender} · {region_label}</source>
        <translation>Born {birth_date} · {gender} · {region_label}</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar sebagai peserta aktif.
Nomor {number} · {nama}
Terdaftar {date}. Tidak perlu didaftarkan lagi.</source>
        <translation>This NIK is already enrolled as an active member.
Number {number} · {nama}
Enrolled {date}. No need to enrol again.</translation>
    </message>
    <message>
        <source>Tabel tarif tidak dapat dimuat; iuran tidak dihitung. Buka ulang halaman atau hubungi IT.</source>
        <translation>The rate table could not be loaded; contributions are not calculated. Reopen the page or contact IT.</translation>
    </message>
    <message>
        <source>Isi penghasilan per bulan untuk menghitung iuran.</source>
        <translation>Fill in the monthly income to calculate the contribution.</translation>
    </message>
    <message>
        <source> dan {n} lainnya</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <source>Mirip peserta terdaftar: {who}{more}. Nama mirip, tanggal lahir dan kecamatan NIK sama. Bandingkan sebelum menyimpan.</source>
        <translation>Looks like an enrolled member: {who}{more}. Similar name, same date of birth and NIK district. Compare before saving.</translation>
    </message>
    <message>
        <source>Akun ini bukan supervisor; persetujuan harus dari supervisor.</source>
        <translation>This account is not a supervisor; approval must come from a supervisor.</translation>
    </message>
    <message>
        <source>Gagal menyimpan; data di formulir tidak hilang. Coba lagi.</source>
        <translation>Could not save; the data in the form is not lost. Try again.</translation>
    </message>
    <message>
        <source>Mirip peserta terdaftar: simpan hanya dengan persetujuan supervisor.</source>
        <translation>Looks like an enrolled member: save only with a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Data lengkap. Tekan Ctrl+S untuk menyimpan.</source>
        <translation>Data complete. Press Ctrl+S to save.</translation>
    </message>
    <message>
        <source>NIK sudah terdaftar; data tidak dapat disimpan.</source>
        <translation>The NIK is already enrolled; the data cannot be saved.</translation>
    </message>
    <message>
        <source>1 kolom masih perlu diisi atau diperbaiki.</source>
        <translation>1 field still needs filling in or fixing.</translation>
    </message>
    <message>
        <source>{n} kolom masih perlu diisi atau diperbaiki.</source>
        <translation>{n} fields still need filling in or fixing.</translation>
    </message>
    <message>
        <source>Belum bisa disimpan: perbaiki kolom yang ditandai merah.</source>
        <translation>Cannot save yet: fix the fields marked red.</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Data ditolak.</source>
        <translation>Data refused.</translation>
    </message>
    <message>
        <source>Data mirip peserta yang sudah terdaftar: lihat perbandingan di kiri.</source>
        <translation>The data looks like an enrolled member: see the comparison on the left.</translation>
    </message>
    <message>
        <source>Belum disimpan. {reason}</source>
        <translation>Not saved. {reason}</translation>
    </message>
    <message>
        <source>Kartu dan tanda terima sudah dicetak. Kartu gagal cetak dicatat di halaman Cetak Kartu (F6); cetak ulang kartu memerlukan persetujuan supervisor.</source>
        <translation>Card and receipt printed. A failed card print is recorded on the Print Cards page (F6); a card reprint needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Menyiapkan kartu dan tanda terima…</source>
        <translation>Preparing card and receipt…</translation>
    </message>
    <message>
        <source>Gagal menyiapkan dokumen: {message}</source>
        <translation>Could not prepare the documents: {message}</translation>
    </message>
    <message>
        <source>Gagal menyimpan: {message}
Data di formulir tidak hilang; coba lagi.</source>
        <translation>Could not save: {message}
The data in the form is not lost; try again.</translation>
    </message>
</context>
<context>
    <name>Issue</name>
    <message>
        <source>&apos;brackets&apos; harus daftar.</source>
        <translation>&apos;brackets&apos; must be a list.</translation>
    </message>
    <message>
        <source>&apos;choices&apos; harus daftar nominal rupiah.</source>
        <translation>&apos;choices&apos; must be a list of rupiah amounts.</translation>
    </message>
    <message>
        <source>&apos;discounts&apos; harus daftar.</source>
        <translation>&apos;discounts&apos; must be a list.</translation>
    </message>
    <message>
        <source>&apos;rounding&apos; wajib diisi.</source>
        <translation>&apos;rounding&apos; is required.</translation>
    </message>
    <message>
        <source>&apos;segments&apos; wajib diisi.</source>
        <translation>&apos;segments&apos; is required.</translation>
    </message>
    <message>
        <source>&apos;taken&apos; harus berisi program asal dan persennya, mis. JKK 0.14.</source>
        <translation>&apos;taken&apos; must name the source programmes and their percentages, e.g. JKK 0.14.</translation>
    </message>
    <message>
        <source>&apos;wage_cap&apos; harus daftar.</source>
        <translation>&apos;wage_cap&apos; must be a list.</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; harus 0–24 bulan.</source>
        <translation>&apos;{key}&apos; must be 0–24 months.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; adalah nama perangkat di Windows; pilih nama lain.</source>
        <translation>&apos;{name}&apos; is a device name on Windows; choose another name.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; berupa pecahan biner; tulis persen sebagai teks (&quot;0.24&quot;) dan rupiah sebagai bilangan bulat.</source>
        <translation>&apos;{path}&apos; is a binary fraction; write percentages as text (&quot;0.24&quot;) and rupiah as whole numbers.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; bukan angka persen: &apos;{value}&apos;.</source>
        <translation>&apos;{path}&apos; is not a percentage: &apos;{value}&apos;.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; di luar batas wajar.</source>
        <translation>&apos;{path}&apos; is outside reasonable limits.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus antara 0 dan 100 persen.</source>
        <translation>&apos;{path}&apos; must be between 0 and 100 percent.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus berisi pembagian, mis. {{&quot;worker&quot;: &quot;1&quot;}}.</source>
        <translation>&apos;{path}&apos; must contain a split, e.g. {{&quot;worker&quot;: &quot;1&quot;}}.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus bilangan bulat rupiah (bukan pecahan).</source>
        <translation>&apos;{path}&apos; must be a whole number of rupiah (not a fraction).</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus bulan TTTT-BB, mis. 2026-04.</source>
        <translation>&apos;{path}&apos; must be a YYYY-MM month, e.g. 2026-04.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus daftar teks.</source>
        <translation>&apos;{path}&apos; must be a list of text.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus objek atau null.</source>
        <translation>&apos;{path}&apos; must be an object or null.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus objek.</source>
        <translation>&apos;{path}&apos; must be an object.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; harus persen dalam teks, mis. &quot;0.24&quot;.</source>
        <translation>&apos;{path}&apos; must be a percentage as text, e.g. &quot;0.24&quot;.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; wajib diisi (aturan kepesertaan).</source>
        <translation>&apos;{path}&apos; is required (membership rules).</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; wajib diisi.</source>
        <translation>&apos;{path}&apos; is required.</translation>
    </message>
    <message>
        <source>&apos;{path}&apos;: kind/after_grace/grace_benefits/starts tidak dikenal.</source>
        <translation>&apos;{path}&apos;: unknown kind/after_grace/grace_benefits/starts.</translation>
    </message>
    <message>
        <source>&apos;{path}.programmes&apos; wajib diisi.</source>
        <translation>&apos;{path}.programmes&apos; is required.</translation>
    </message>
    <message>
        <source>&apos;{path}.{key}&apos; harus berupa teks.</source>
        <translation>&apos;{path}.{key}&apos; must be text.</translation>
    </message>
    <message>
        <source>&apos;{path}.{key}&apos; wajib diisi.</source>
        <translation>&apos;{path}.{key}&apos; is required.</translation>
    </message>
    <message>
        <source>&apos;{p}&apos; harus objek.</source>
        <translation>&apos;{p}&apos; must be an object.</translation>
    </message>
    <message>
        <source>&apos;{q}&apos; harus objek.</source>
        <translation>&apos;{q}&apos; must be an object.</translation>
    </message>
    <message>
        <source>. Perubahan cabang tertahan sampai supervisor Kanwil menerima pemulihan: &apos;loket region accept-restore --branch {code} --supervisor USERNAME --reason ...&apos; (yang hilang disimpan dan dapat diekspor).</source>
        <translation>. The branch&apos;s changes are held back until a Kanwil supervisor accepts the restore: &apos;loket region accept-restore --branch {code} --supervisor USERNAME --reason ...&apos; (what was lost is kept and can be exported).</translation>
    </message>
    <message>
        <source>; Kanwil memegang {kanwil} data peserta cabang ini, cabang kini {branch}</source>
        <translation>; the Kanwil holds {kanwil} member records of this branch, the branch now {branch}</translation>
    </message>
    <message>
        <source>Ada bulan yang tercantum dua kali.</source>
        <translation>A month is listed twice.</translation>
    </message>
    <message>
        <source>Ahli waris paling banyak {max_heirs} orang.</source>
        <translation>At most {max_heirs} heirs.</translation>
    </message>
    <message>
        <source>Akun ini dinonaktifkan. Hubungi supervisor.</source>
        <translation>This account is deactivated. Contact a supervisor.</translation>
    </message>
    <message>
        <source>Akun pertama sudah dibuat; akun baru ditambahkan oleh supervisor (dengan kata sandinya).</source>
        <translation>The first account already exists; new accounts are added by a supervisor (with their password).</translation>
    </message>
    <message>
        <source>Akun terkunci karena terlalu banyak percobaan. Coba lagi dalam {minutes} menit.</source>
        <translation>Account locked after too many attempts. Try again in {minutes} minutes.</translation>
    </message>
    <message>
        <source>Akun {username} dinonaktifkan. Hubungi supervisor.</source>
        <translation>Account {username} is deactivated. Contact a supervisor.</translation>
    </message>
    <message>
        <source>Akun {username} terkunci karena terlalu banyak kata sandi salah. Supervisor lain dapat membukanya.</source>
        <translation>Account {username} is locked after too many wrong passwords. Another supervisor can unlock it.</translation>
    </message>
    <message>
        <source>Alamat basis data tidak dikenali.</source>
        <translation>The database address is not recognised.</translation>
    </message>
    <message>
        <source>Alamat berisi karakter yang tidak dapat dicetak.</source>
        <translation>The address contains characters that cannot be printed.</translation>
    </message>
    <message>
        <source>Alamat paling banyak {max_address} karakter.</source>
        <translation>Address at most {max_address} characters.</translation>
    </message>
    <message>
        <source>Alamat wajib diisi (jalan, RT/RW).</source>
        <translation>The address is required (street, RT/RW).</translation>
    </message>
    <message>
        <source>Alasan koreksi wajib diisi ({min_reason}–{max_reason} karakter).</source>
        <translation>A correction reason is required ({min_reason}–{max_reason} characters).</translation>
    </message>
    <message>
        <source>Alasan menyimpan data yang mirip wajib diisi (minimal 5 karakter).</source>
        <translation>A reason for saving similar data is required (at least 5 characters).</translation>
    </message>
    <message>
        <source>Alasan paling banyak 200 karakter.</source>
        <translation>The reason may be at most 200 characters.</translation>
    </message>
    <message>
        <source>Alasan paling banyak {max_reason} karakter.</source>
        <translation>Reason at most {max_reason} characters.</translation>
    </message>
    <message>
        <source>Alasan paling panjang {n} huruf.</source>
        <translation>The reason may be at most {n} characters.</translation>
    </message>
    <message>
        <source>Alasan penolakan wajib diisi ({min_reason}–{max_reason} karakter).</source>
        <translation>A rejection reason is required ({min_reason}–{max_reason} characters).</translation>
    </message>
    <message>
        <source>Alasan penonaktifan wajib diisi.</source>
        <translation>A reason for deactivation is required.</translation>
    </message>
    <message>
        <source>Alasan: died (meninggal), abroad (pindah ke luar negeri) atau merged (duplikat digabung).</source>
        <translation>Reason: died, abroad (moved abroad) or merged (duplicate merged).</translation>
    </message>
    <message>
        <source>Aturan pembulatan &apos;{rule}&apos; tidak dikenal oleh Loket.</source>
        <translation>Rounding rule &apos;{rule}&apos; is not known to Loket.</translation>
    </message>
    <message>
        <source>Bagian rekomposisi harus urut bulan, tanpa bulan ganda.</source>
        <translation>Recomposition parts must be in month order, without repeats.</translation>
    </message>
    <message>
        <source>Bagian {name} muncul dua kali di paket.</source>
        <translation>Part {name} appears twice in the package.</translation>
    </message>
    <message>
        <source>Bagian {name} rusak: {exc}.</source>
        <translation>Part {name} is corrupt: {exc}.</translation>
    </message>
    <message>
        <source>Bagian {name} terlalu besar.</source>
        <translation>Part {name} is too large.</translation>
    </message>
    <message>
        <source>Bagian {part} bukan JSON yang sah.</source>
        <translation>Part {part} is not valid JSON.</translation>
    </message>
    <message>
        <source>Bagian {part} tercantum di manifest tetapi tidak ada di paket.</source>
        <translation>Part {part} is listed in the manifest but missing from the package.</translation>
    </message>
    <message>
        <source>Bagian {part} tidak berbentuk daftar rekaman.</source>
        <translation>Part {part} is not a list of records.</translation>
    </message>
    <message>
        <source>Balasan ini dari cabang {code}, bukan cabang induk laptop ini ({value}). Tidak ada yang diubah.</source>
        <translation>This reply is from branch {code}, not this laptop&apos;s home branch ({value}). Nothing was changed.</translation>
    </message>
    <message>
        <source>Balasan ini lebih lama dari balasan cabang yang sudah diimpor; mengimpornya akan membatalkan data yang lebih baru. Minta balasan terbaru dari cabang. Tidak ada yang diubah.</source>
        <translation>This answer is older than a branch answer already imported; importing it would undo newer data. Ask the branch for its latest answer. Nothing was changed.</translation>
    </message>
    <message>
        <source>Balasan ini untuk laptop {to}, bukan laptop ini ({own}). Tidak ada yang diubah.</source>
        <translation>This reply is for laptop {to}, not this laptop ({own}). Nothing was changed.</translation>
    </message>
    <message>
        <source>Balasan mengaku dari cabang {code}, tetapi ditandatangani kunci {key_id} milik {branch_code} {branch_name}. Balasan ditolak.</source>
        <translation>The reply claims to be from branch {code}, but is signed with key {key_id} belonging to {branch_code} {branch_name}. Reply rejected.</translation>
    </message>
    <message>
        <source>Baris yang mirip peserta lain hanya boleh disimpan dengan persetujuan supervisor.</source>
        <translation>Rows that resemble another member may only be saved with a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Basis data di alamat itu bukan cabang {code}.</source>
        <translation>The database at that address is not branch {code}.</translation>
    </message>
    <message>
        <source>Basis data ini berisi tabel aplikasi lain; pakai basis data kosong untuk Loket.</source>
        <translation>This database holds another application&apos;s tables; use an empty database for Loket.</translation>
    </message>
    <message>
        <source>Basis data ini dibuat oleh versi Loket yang lebih baru (skema {current}).</source>
        <translation>This database was created by a newer version of Loket (schema {current}).</translation>
    </message>
    <message>
        <source>Basis data ini milik cabang {code}; kodenya tetap.</source>
        <translation>This database belongs to branch {code}; its code is fixed.</translation>
    </message>
    <message>
        <source>Basis data ini sudah punya akun: pemulihan dilakukan supervisornya (kata sandinya diminta).</source>
        <translation>This database already has accounts: a restore is done by one of its supervisors (password asked).</translation>
    </message>
    <message>
        <source>Batas penolakan harus lebih lama dari batas peringatan.</source>
        <translation>The refusal limit must be longer than the warning limit.</translation>
    </message>
    <message>
        <source>Batas upah harus urut bulan, tanpa bulan ganda.</source>
        <translation>Wage caps must be in month order, without repeated months.</translation>
    </message>
    <message>
        <source>Batas upah {code} untuk {label} tidak ada di tabel tarif {version}; muat tabel yang memuatnya.</source>
        <translation>Wage limit {code} for {label} is not in rate table {version}; load a table that contains it.</translation>
    </message>
    <message>
        <source>Beberapa kolom dipetakan ke &apos;{key}&apos;: {names}. Pilih satu, abaikan yang lain.</source>
        <translation>Several columns are mapped to &apos;{key}&apos;: {names}. Choose one and ignore the others.</translation>
    </message>
    <message>
        <source>Belum ada paket dari laptop {laptop} yang diimpor di sini: impor paketnya dulu, lalu buat balasan.</source>
        <translation>No package from laptop {laptop} has been imported here yet: import its package first, then create the reply.</translation>
    </message>
    <message>
        <source>Berkas {filename} sudah ada; pilih nama atau folder lain.</source>
        <translation>File {filename} already exists; choose another name or folder.</translation>
    </message>
    <message>
        <source>Berkas {name} bukan paket Loket yang utuh ({exc}).</source>
        <translation>File {name} is not a complete Loket package ({exc}).</translation>
    </message>
    <message>
        <source>Bulan akhir potongan sebelum bulan awalnya.</source>
        <translation>The discount&apos;s last month is before its first month.</translation>
    </message>
    <message>
        <source>Bulan dibayar harus 0, 1, 3, 6, atau 12.</source>
        <translation>Months paid must be 0, 1, 3, 6 or 12.</translation>
    </message>
    <message>
        <source>Bulan keberangkatan PMI wajib diisi (TTTT-BB).</source>
        <translation>The migrant worker&apos;s departure month is required (YYYY-MM).</translation>
    </message>
    <message>
        <source>Bulan keberangkatan ditulis TTTT-BB, mis. 2027-03.</source>
        <translation>Write the departure month as YYYY-MM, e.g. 2027-03.</translation>
    </message>
    <message>
        <source>Bulan keberangkatan paling jauh {departure_window} bulan dari sekarang.</source>
        <translation>Departure month at most {departure_window} months from now.</translation>
    </message>
    <message>
        <source>Bulan panen &apos;{token}&apos; tidak dikenal (1–12).</source>
        <translation>Unknown harvest month &apos;{token}&apos; (1–12).</translation>
    </message>
    <message>
        <source>Bulan selesai proyek sebelum bulan mulainya.</source>
        <translation>The project&apos;s last month is before its first.</translation>
    </message>
    <message>
        <source>Bulan yang dapat dibayar: {label} sampai {label2}.</source>
        <translation>Payable months: {label} to {label2}.</translation>
    </message>
    <message>
        <source>Bulan {label} tidak dapat dibayar: pembayaran dimulai dari {label2}.</source>
        <translation>Month {label} cannot be paid: payment starts from {label2}.</translation>
    </message>
    <message>
        <source>Cabang belum diatur (loket branch setup).</source>
        <translation>The branch is not set up yet (loket branch setup).</translation>
    </message>
    <message>
        <source>Cabang belum diatur.</source>
        <translation>The branch is not set up yet.</translation>
    </message>
    <message>
        <source>Cabang sudah diatur ({code} {name}); perubahan dilakukan supervisor (--supervisor USERNAME, kata sandinya diminta).</source>
        <translation>Branch is already set ({code} {name}); changes are made by a supervisor (--supervisor USERNAME, their password will be asked).</translation>
    </message>
    <message>
        <source>Cabang {code} dipulihkan dari cadangan lama ({at}{file}):</source>
        <translation>Branch {code} was restored from an older backup ({at}{file}):</translation>
    </message>
    <message>
        <source>Cabang {code} dipulihkan dari cadangan lama: salin ulang biasa akan membuang data di Kanwil yang hilang di cabang. Terima pemulihannya: &apos;loket region accept-restore --branch {code} --supervisor USERNAME --reason ...&apos;.</source>
        <translation>Branch {code} was restored from an older backup: a plain re-copy would throw away what the Kanwil holds that the branch lost. Accept its restore instead: &apos;loket region accept-restore --branch {code} --supervisor USERNAME --reason ...&apos;.</translation>
    </message>
    <message>
        <source>Cabang {code} masih memuat peristiwa audit yang dicatat Kanwil: tidak ada pemulihan yang perlu diterima (lihat &apos;loket region status&apos;).</source>
        <translation>Branch {code} still holds the audit event the Kanwil recorded: there is no restore to accept (see &apos;loket region status&apos;).</translation>
    </message>
    <message>
        <source>Cabang {code} tampaknya dipulihkan dari cadangan lama (atau ekor jejak auditnya dipotong):</source>
        <translation>Branch {code} seems to have been restored from an older backup (or the tail of its audit trail was cut):</translation>
    </message>
    <message>
        <source>Cabang {code} tidak dikenal Kanwil ini (loket region status).</source>
        <translation>Branch {code} is not known to this Kanwil (loket region status).</translation>
    </message>
    <message>
        <source>Cadangan ini dibuat oleh versi Loket yang lebih baru (skema {revision}). Perbarui aplikasi Loket lebih dulu.</source>
        <translation>This backup was created by a newer version of Loket (schema {revision}). Update the Loket app first.</translation>
    </message>
    <message>
        <source>Cadangan rusak (pemeriksaan keutuhan: {integrity}).</source>
        <translation>Backup is corrupt (integrity check: {integrity}).</translation>
    </message>
    <message>
        <source>Cadangan {backend} tidak dapat dipulihkan ke basis data {backend2}. {hint}</source>
        <translation>A {backend} backup cannot be restored to a {backend2} database. {hint}</translation>
    </message>
    <message>
        <source>Cara bayar harus tunai (cash), transfer, apbd atau employer.</source>
        <translation>The payment method must be cash, transfer, apbd or employer.</translation>
    </message>
    <message>
        <source>Catatan cetak ulang paling banyak 200 karakter.</source>
        <translation>The reprint note may be at most 200 characters.</translation>
    </message>
    <message>
        <source>Daftar bagian di manifest tidak sesuai format paket.</source>
        <translation>The list of parts in the manifest does not match the package format.</translation>
    </message>
    <message>
        <source>Daftar konflik di balasan tidak sah.</source>
        <translation>The list of conflicts in the answer is invalid.</translation>
    </message>
    <message>
        <source>Daftar nomor pekerja kosong.</source>
        <translation>The list of workers&apos; numbers is empty.</translation>
    </message>
    <message>
        <source>Daftar nomor peserta kosong.</source>
        <translation>The list of membership numbers is empty.</translation>
    </message>
    <message>
        <source>Daftar penerimaan di balasan tidak sah.</source>
        <translation>The list of received records in the answer is invalid.</translation>
    </message>
    <message>
        <source>Daftarkan pekerja proyek lebih dulu (loket project workers).</source>
        <translation>List the project&apos;s workers first (loket project workers).</translation>
    </message>
    <message>
        <source>Dasbor Kanwil hanya ada di basis data Kanwil (loket region init).</source>
        <translation>The regional dashboard exists only in the regional office&apos;s database (loket region init).</translation>
    </message>
    <message>
        <source>Data ini sudah digabung; koreksi data peserta tujuannya.</source>
        <translation>This record is merged; correct the record it was merged into.</translation>
    </message>
    <message>
        <source>Data kontrak PMI (lama kontrak, bulan berangkat) belum diisi; koreksi data peserta lebih dulu.</source>
        <translation>The migrant worker&apos;s contract (length, departure month) is missing; correct the member&apos;s data first.</translation>
    </message>
    <message>
        <source>Data kontrak PMI hanya untuk segmen PMI; diabaikan.</source>
        <translation>Migrant worker contract data is only for the PMI segment; ignored.</translation>
    </message>
    <message>
        <source>Data peserta sudah berubah sejak koreksi diajukan; tolak lalu ajukan ulang.</source>
        <translation>The member record changed after the correction was proposed; reject it and propose again.</translation>
    </message>
    <message>
        <source>Data peserta tidak aktif.</source>
        <translation>The member record is not active.</translation>
    </message>
    <message>
        <source>Data peserta {number} tidak aktif ({record_status}).</source>
        <translation>Member record {number} is not active ({record_status}).</translation>
    </message>
    <message>
        <source>Data peserta {row} di balasan tidak sah atau bukan peserta laptop ini.</source>
        <translation>Member record {row} in the reply is invalid or not a member of this laptop.</translation>
    </message>
    <message>
        <source>Detail sambungan ke cabang {code} tidak tersimpan di Kanwil; sebutkan --branch URL_CABANG.</source>
        <translation>Connection details for branch {code} are not stored at the Kanwil; specify --branch BRANCH_URL.</translation>
    </message>
    <message>
        <source>Detail sambungan ke cabang {code} tidak tersimpan di Kanwil; sebutkan --branch-url URL_CABANG.</source>
        <translation>The Kanwil no longer holds the connection details of branch {code}; give --branch-url BRANCH_URL.</translation>
    </message>
    <message>
        <source>File CSV {name} tidak punya lembar; hapus pilihan lembar.</source>
        <translation>CSV file {name} has no sheets; clear the sheet selection.</translation>
    </message>
    <message>
        <source>File cadangan tidak ditemukan: {path}</source>
        <translation>Backup file not found: {path}</translation>
    </message>
    <message>
        <source>File ini bukan basis data Loket.</source>
        <translation>This file is not a Loket database.</translation>
    </message>
    <message>
        <source>File ini bukan cadangan Loket (bukan SQLite maupun arsip pg_dump).</source>
        <translation>This file is not a Loket backup (neither SQLite nor a pg_dump archive).</translation>
    </message>
    <message>
        <source>File {file_name} berubah sejak diperiksa. Periksa (dry run) ulang sebelum menyimpan.</source>
        <translation>File {file_name} has changed since it was checked. Check it again (dry run) before saving.</translation>
    </message>
    <message>
        <source>File {name} adalah arsip ZIP, bukan buku kerja Excel (.xlsx).</source>
        <translation>File {name} is a ZIP archive, not an Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>File {name} berformat Excel 97-2003 (.xls). Simpan sebagai Excel Workbook (.xlsx) atau CSV, lalu impor lagi.</source>
        <translation>File {name} is in Excel 97-2003 format (.xls). Save it as Excel Workbook (.xlsx) or CSV, then import again.</translation>
    </message>
    <message>
        <source>File {name} berisi baris atau sel yang terlalu panjang (lebih dari {max_line_chars} ribu karakter). Periksa isi file; mungkin ada data yang tidak semestinya.</source>
        <translation>File {name} contains lines or cells that are too long (more than {max_line_chars} thousand characters). Check the file&apos;s contents; it may contain data that does not belong there.</translation>
    </message>
    <message>
        <source>File {name} berisi byte NUL; ini bukan file teks CSV. Simpan ulang dari Excel sebagai CSV (UTF-8).</source>
        <translation>File {name} contains NUL bytes; it is not a CSV text file. Save it again from Excel as CSV (UTF-8).</translation>
    </message>
    <message>
        <source>File {name} berisi teks yang tidak bisa dibaca ({encoding}) di sekitar baris {n}.</source>
        <translation>File {name} contains unreadable text ({encoding}) around line {n}.</translation>
    </message>
    <message>
        <source>File {name} bukan teks CSV maupun Excel (.xlsx): isinya biner. Periksa apakah file yang dipilih benar.</source>
        <translation>File {name} is neither CSV text nor Excel (.xlsx): its content is binary. Check that the right file was chosen.</translation>
    </message>
    <message>
        <source>File {name} dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File › Info › Proteksi Buku Kerja), simpan, lalu impor lagi.</source>
        <translation>File {name} is password-protected. Open it in Excel, remove the password (File › Info › Protect Workbook), save, then import again.</translation>
    </message>
    <message>
        <source>File {name} kosong (0 byte).</source>
        <translation>File {name} is empty (0 bytes).</translation>
    </message>
    <message>
        <source>File {name} tidak bisa dibaca sebagai CSV di baris {n}: {exc}.</source>
        <translation>File {name} cannot be read as CSV at line {n}: {exc}.</translation>
    </message>
    <message>
        <source>File {name} tidak bisa dibaca sebagai teks UTF-8 maupun Windows-1252; mungkin bukan file CSV. Simpan ulang dari Excel sebagai CSV UTF-8.</source>
        <translation>File {name} cannot be read as UTF-8 or Windows-1252 text; it may not be a CSV file. Save it again from Excel as CSV UTF-8.</translation>
    </message>
    <message>
        <source>File {name} tidak bisa dibuka: {strerror}.</source>
        <translation>File {name} cannot be opened: {strerror}.</translation>
    </message>
    <message>
        <source>File {name} tidak ditemukan.</source>
        <translation>File {name} not found.</translation>
    </message>
    <message>
        <source>File {name} tidak punya lembar yang terlihat.</source>
        <translation>File {name} has no visible sheets.</translation>
    </message>
    <message>
        <source>Folder {folder} tidak ada.</source>
        <translation>Folder {folder} does not exist.</translation>
    </message>
    <message>
        <source>Format atau versi paket tidak dikenal oleh Loket ini.</source>
        <translation>This Loket does not know the package&apos;s format or version.</translation>
    </message>
    <message>
        <source>Format ekspor: csv atau xlsx.</source>
        <translation>Export format: csv or xlsx.</translation>
    </message>
    <message>
        <source>Format tabel harus &quot;{format}&quot; (atau &quot;{formats}&quot;).</source>
        <translation>Table format must be &quot;{format}&quot; (or &quot;{formats}&quot;).</translation>
    </message>
    <message>
        <source>Golongan harus mulai dari 0 dan bersambung.</source>
        <translation>Bands must start at 0 and be contiguous.</translation>
    </message>
    <message>
        <source>Golongan terakhir harus tanpa batas atas (high: null).</source>
        <translation>The last band must have no upper limit (high: null).</translation>
    </message>
    <message>
        <source>Hanya golongan terakhir boleh tanpa batas atas.</source>
        <translation>Only the last band may have no upper limit.</translation>
    </message>
    <message>
        <source>Hanya pekerja segmen Jasa Konstruksi (JAKON).</source>
        <translation>Only construction (JAKON) workers.</translation>
    </message>
    <message>
        <source>Hanya supervisor yang dapat membatalkan pembayaran.</source>
        <translation>Only a supervisor can void a payment.</translation>
    </message>
    <message>
        <source>Hanya supervisor yang dapat menonaktifkan peserta.</source>
        <translation>Only a supervisor can deactivate a member.</translation>
    </message>
    <message>
        <source>Hari kerja ini sudah ditutup; minta supervisor membukanya kembali.</source>
        <translation>This business day is closed; ask a supervisor to reopen it.</translation>
    </message>
    <message>
        <source>Hari {long_date} belum ditutup.</source>
        <translation>Day {long_date} has not been closed yet.</translation>
    </message>
    <message>
        <source>Hari {long_date} belum pernah ditutup.</source>
        <translation>Day {long_date} has never been closed.</translation>
    </message>
    <message>
        <source>Hari {long_date} sudah ditutup oleh {closed_by} pukul {when}. Perubahan tidak dicatat pada hari yang sudah ditutup: minta supervisor membuka kembali hari ini (dengan alasan), atau lanjutkan besok.</source>
        <translation>Day {long_date} was already closed by {closed_by} at {when}. Changes are not recorded on a closed day: ask a supervisor to reopen the day (with a reason), or continue tomorrow.</translation>
    </message>
    <message>
        <source>Hari {long_date} sudah ditutup.</source>
        <translation>Day {long_date} is already closed.</translation>
    </message>
    <message>
        <source>Hitung uang tunai petugas {officer} (menurut pembayaran {format_rupiah}).</source>
        <translation>Count officer {officer}&apos;s cash (payments total {format_rupiah}).</translation>
    </message>
    <message>
        <source>ID kunci {key_id} sudah dipakai kunci lain. Minta cabang itu memutar kuncinya (loket keys rotate).</source>
        <translation>Key ID {key_id} is already used by another key. Ask that branch to rotate its key (loket keys rotate).</translation>
    </message>
    <message>
        <source>ID paket tidak sah.</source>
        <translation>Invalid package ID.</translation>
    </message>
    <message>
        <source>Indeks pencarian nama belum dibangun. Minta supervisor/TI menjalankan &apos;loket search reindex&apos;.</source>
        <translation>The name search index is not built yet. Ask a supervisor/IT to run &apos;loket search reindex&apos;.</translation>
    </message>
    <message>
        <source>Isi bagian {part} berubah sejak paket ditandatangani (hash tidak cocok).</source>
        <translation>Contents of part {part} have changed since the package was signed (hash mismatch).</translation>
    </message>
    <message>
        <source>Isi nama loket ini, mis. &apos;Loket 1&apos; (dicetak di tanda terima).</source>
        <translation>Enter this counter&apos;s name, e.g. &apos;Counter 1&apos; (printed on receipts).</translation>
    </message>
    <message>
        <source>Isi nilai kontrak sebelum PPN, dalam rupiah.</source>
        <translation>Enter the contract value before VAT, in rupiah.</translation>
    </message>
    <message>
        <source>Isi nomor HP (diawali 08 atau +628), bukan telepon rumah.</source>
        <translation>Fill in a mobile number (starting 08 or +628), not a landline.</translation>
    </message>
    <message>
        <source>Isi uang yang diterima dari peserta.</source>
        <translation>Enter the cash received from the member.</translation>
    </message>
    <message>
        <source>Iuran bulan {period_label} sudah dibayar.</source>
        <translation>Contribution for {period_label} has already been paid.</translation>
    </message>
    <message>
        <source>Iuran bulan {period_label} sudah dibayar{which}. Pilih bulan lain, atau minta supervisor membatalkan pembayaran lama.</source>
        <translation>Contribution for {period_label} has already been paid{which}. Choose another month, or ask a supervisor to cancel the earlier payment.</translation>
    </message>
    <message>
        <source>Iuran proyek {code} belum dibayar.</source>
        <translation>Project {code} contribution has not been paid yet.</translation>
    </message>
    <message>
        <source>Iuran proyek {code} sudah dibayar ({receipt_no}).</source>
        <translation>Project {code} contribution has already been paid ({receipt_no}).</translation>
    </message>
    <message>
        <source>JSON tidak valid di baris {lineno} kolom {colno}: {msg}</source>
        <translation>Invalid JSON at line {lineno} column {colno}: {msg}</translation>
    </message>
    <message>
        <source>Jadwal bayar saat panen hanya untuk peserta Bukan Penerima Upah (BPU).</source>
        <translation>Paying at harvest is only for non-wage (BPU) members.</translation>
    </message>
    <message>
        <source>Jalur penempatan PMI: P3MI atau PERSEORANGAN.</source>
        <translation>Placement route: P3MI or PERSEORANGAN.</translation>
    </message>
    <message>
        <source>Jenis kelamin harus L (laki-laki) atau P (perempuan).</source>
        <translation>Sex must be L (male) or P (female).</translation>
    </message>
    <message>
        <source>Jenis kelamin wajib diisi (L atau P).</source>
        <translation>Sex is required (L or P).</translation>
    </message>
    <message>
        <source>Jenis kelamin {gender} berbeda dengan NIK ({gender2}). Periksa KTP lalu konfirmasi bila memang benar.</source>
        <translation>Gender {gender} differs from the NIK ({gender2}). Check the KTP, then confirm if it is correct.</translation>
    </message>
    <message>
        <source>Jenis tarif &apos;{kind}&apos; tidak dikenal.</source>
        <translation>Unknown rate type &apos;{kind}&apos;.</translation>
    </message>
    <message>
        <source>Judul kolom &apos;{header}&apos; pada pemetaan tidak ada di file.</source>
        <translation>Column heading &apos;{header}&apos; in the mapping is not in the file.</translation>
    </message>
    <message>
        <source>Judul kolom memakai sel yang digabung (merge). Pisahkan sel judul sehingga setiap kolom punya satu judul, lalu impor lagi.</source>
        <translation>The column headings use merged cells. Unmerge the heading cells so each column has one heading, then import again.</translation>
    </message>
    <message>
        <source>Jumlah bulan harus 1–{max_months}.</source>
        <translation>Number of months must be 1–{max_months}.</translation>
    </message>
    <message>
        <source>Jumlah pekerja di wilayah harus lebih dari 0.</source>
        <translation>The number of workers in the region must be more than 0.</translation>
    </message>
    <message>
        <source>Jumlah uang diterima tidak masuk akal.</source>
        <translation>The amount received makes no sense.</translation>
    </message>
    <message>
        <source>Jumlah uang petugas {officer} tidak masuk akal.</source>
        <translation>Officer {officer}&apos;s cash amount is implausible.</translation>
    </message>
    <message>
        <source>Jumlah yang dibayar belum dihitung.</source>
        <translation>The amount to pay has not been calculated yet.</translation>
    </message>
    <message>
        <source>Kanwil sudah menerima jejak auditnya sampai #{seq} ({at}), {now}</source>
        <translation>the Kanwil had received its audit trail up to #{seq} ({at}), {now}</translation>
    </message>
    <message>
        <source>Kartu peserta ini baru saja dicetak di loket lain. Periksa riwayat kartu.</source>
        <translation>This membership card was just printed at another counter. Check the card history.</translation>
    </message>
    <message>
        <source>Kartu peserta masih berlaku; untuk kartu hilang atau rusak pilih Cetak ulang.</source>
        <translation>The member&apos;s card is still valid; for a lost or damaged card choose Reprint.</translation>
    </message>
    <message>
        <source>Kartu seri {meanwhile} baru saja dicetak di loket lain.</source>
        <translation>Card serial {meanwhile} was just printed at another counter.</translation>
    </message>
    <message>
        <source>Kartu seri {serial} masih berlaku. Cetak ulang memerlukan alasan dan persetujuan supervisor.</source>
        <translation>Card serial {serial} is still valid. A reprint needs a reason and supervisor approval.</translation>
    </message>
    <message>
        <source>Kartu seri {serial} sudah berstatus {card_status_labels}.</source>
        <translation>Card serial {serial} is already {card_status_labels}.</translation>
    </message>
    <message>
        <source>Kartu seri {serial} tidak tercatat di sini.</source>
        <translation>Card serial {serial} is not recorded here.</translation>
    </message>
    <message>
        <source>Kata sandi baru harus berbeda dari yang lama.</source>
        <translation>The new password must differ from the old one.</translation>
    </message>
    <message>
        <source>Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.</source>
        <translation>This password is too common and easy to guess. Choose another.</translation>
    </message>
    <message>
        <source>Kata sandi minimal {min_length} karakter.</source>
        <translation>Password must be at least {min_length} characters.</translation>
    </message>
    <message>
        <source>Kata sandi paling banyak {max_length} karakter.</source>
        <translation>Password at most {max_length} characters.</translation>
    </message>
    <message>
        <source>Kata sandi terlalu berulang; campur huruf dan angka.</source>
        <translation>The password is too repetitive; mix letters and digits.</translation>
    </message>
    <message>
        <source>Kata sandi tidak boleh memuat nama pengguna.</source>
        <translation>The password may not contain the username.</translation>
    </message>
    <message>
        <source>Kelas risiko JKK harus 1–5.</source>
        <translation>The JKK risk class must be 1–5.</translation>
    </message>
    <message>
        <source>Kelas risiko bawaan harus salah satu kelas.</source>
        <translation>The default risk class must be one of the classes.</translation>
    </message>
    <message>
        <source>Kelas risiko hanya untuk segmen PU; diabaikan.</source>
        <translation>The risk class is only for the PU segment; ignored.</translation>
    </message>
    <message>
        <source>Kelas risiko harus bernomor 1, 2, ….</source>
        <translation>Risk classes must be numbered 1, 2, ….</translation>
    </message>
    <message>
        <source>Kelas risiko wajib diisi.</source>
        <translation>The risk class is required.</translation>
    </message>
    <message>
        <source>Kelebihan bayar {format_rupiah} atas bulan potongan PP 50/2025 yang sudah dibayar penuh diperhitungkan (PP 50/2025 ps. 6).</source>
        <translation>Overpayment of {format_rupiah} for PP 50/2025 discount months already paid in full has been credited (PP 50/2025 ps. 6).</translation>
    </message>
    <message>
        <source>Kepesertaan sudah berakhir; tunggakan lama tidak ditagih. Daftar ulang dimulai dari {label}.</source>
        <translation>Membership has ended; old arrears are not billed. Re-enrolment starts from {label}.</translation>
    </message>
    <message>
        <source>Ketik minimal 3 huruf nama, atau NIK / nomor peserta / nomor HP.</source>
        <translation>Type at least 3 letters of a name, or a NIK / membership number / mobile number.</translation>
    </message>
    <message>
        <source>Ketik nomor peserta pekerja JAKON.</source>
        <translation>Type the JAKON worker&apos;s membership number.</translation>
    </message>
    <message>
        <source>Kode cabang harus 3 digit angka (bukan 000), mis. 101.</source>
        <translation>The branch code must be 3 digits (not 000), e.g. 101.</translation>
    </message>
    <message>
        <source>Kode cabang induk harus 3 digit angka, mis. 101.</source>
        <translation>The home branch code must be 3 digits, e.g. 101.</translation>
    </message>
    <message>
        <source>Kode kabupaten/kota pada NIK tidak boleh 00.</source>
        <translation>The regency/city code in the NIK may not be 00.</translation>
    </message>
    <message>
        <source>Kode kabupaten/kota {regency_code} tidak dikenal.</source>
        <translation>Unknown regency/city code {regency_code}.</translation>
    </message>
    <message>
        <source>Kode kecamatan pada NIK tidak boleh 00.</source>
        <translation>The district code in the NIK may not be 00.</translation>
    </message>
    <message>
        <source>Kode provinsi {pp} pada NIK tidak dikenal.</source>
        <translation>Unknown province code {pp} in the NIK.</translation>
    </message>
    <message>
        <source>Kode wilayah desa/kelurahan tidak ditemukan (10 digit, mis. 32.76.01.1001).</source>
        <translation>Village region code not found (10 digits, e.g. 32.76.01.1001).</translation>
    </message>
    <message>
        <source>Kode wilayah harus kode Kemendagri provinsi, kabupaten/kota, kecamatan atau desa, mis. 16.10 atau 16.10.01.</source>
        <translation>The region must be a Kemendagri province, regency, district or village code, e.g. 16.10 or 16.10.01.</translation>
    </message>
    <message>
        <source>Kode wilayah {district_code} tidak ada di data Kemendagri terbaru (mungkin kode lama sebelum pemekaran). Pastikan dengan KTP.</source>
        <translation>Region code {district_code} is not in the latest Kemendagri data (possibly an old code from before a region split). Verify against the KTP.</translation>
    </message>
    <message>
        <source>Kode wilayah: 2 digit provinsi (16) atau 4 digit kabupaten/kota (16.10).</source>
        <translation>Region code: 2 digits for a province (16) or 4 digits for a regency/city (16.10).</translation>
    </message>
    <message>
        <source>Kode {home} adalah kode laptop ini sendiri; cabang induk punya kode lain (mis. 101).</source>
        <translation>Code {home} is this laptop&apos;s own code; the home branch has a different code (e.g. 101).</translation>
    </message>
    <message>
        <source>Kolom &apos;{f}&apos; tidak dapat dikoreksi. Pilih: {correctable}.</source>
        <translation>Field &apos;{f}&apos; cannot be corrected. Choose: {correctable}.</translation>
    </message>
    <message>
        <source>Kolom &apos;{k}&apos; tidak dikenal.</source>
        <translation>Unknown field &apos;{k}&apos;.</translation>
    </message>
    <message>
        <source>Kolom &apos;{name}&apos; tidak berbeda antara laptop dan cabang; tidak perlu dipilih.</source>
        <translation>Field &apos;{name}&apos; does not differ between laptop and branch; no need to choose it.</translation>
    </message>
    <message>
        <source>Konflik #{number} bukan perubahan di dua tempat; catat keputusannya dengan catatan saja.</source>
        <translation>Conflict #{number} is not a change made in two places; record the decision with a note only.</translation>
    </message>
    <message>
        <source>Konflik #{number} digabung per kolom: pilih data laptop atau cabang untuk tiap kolom yang berbeda (loket package resolve ID --take KOLOM=laptop|cabang, atau halaman Jemput Bola).</source>
        <translation>Conflict #{number} is merged field by field: choose the laptop&apos;s or the branch&apos;s data for each field that differs (loket package resolve ID --take FIELD=laptop|cabang, or the Outreach page).</translation>
    </message>
    <message>
        <source>Konflik #{number} tidak terbuka.</source>
        <translation>Conflict #{number} is not open.</translation>
    </message>
    <message>
        <source>Koreksi harus disetujui supervisor lain, bukan yang mengajukannya.</source>
        <translation>A correction must be approved by another supervisor, not the one who proposed it.</translation>
    </message>
    <message>
        <source>Koreksi {label} sudah {status}.</source>
        <translation>Correction {label} is already {status}.</translation>
    </message>
    <message>
        <source>Koreksi {label} tidak ada.</source>
        <translation>Correction {label} does not exist.</translation>
    </message>
    <message>
        <source>Kunci permintaan ini sudah dipakai untuk peserta lain.</source>
        <translation>This request key was already used for another member.</translation>
    </message>
    <message>
        <source>Kunci permintaan paling banyak 64 karakter yang dapat dicetak.</source>
        <translation>A request key is at most 64 printable characters.</translation>
    </message>
    <message>
        <source>Kunci {key_id} sudah dipensiunkan sebelum paket dibuat.</source>
        <translation>Key {key_id} was retired before the package was created.</translation>
    </message>
    <message>
        <source>Lama kontrak 1–{max_contract} bulan.</source>
        <translation>Contract length 1–{max_contract} months.</translation>
    </message>
    <message>
        <source>Lama kontrak kerja PMI wajib diisi (bulan, mis. 24).</source>
        <translation>The migrant worker&apos;s contract length is required (months, e.g. 24).</translation>
    </message>
    <message>
        <source>Lama kontrak paket harus 1–120 bulan.</source>
        <translation>A package&apos;s contract length must be 1–120 months.</translation>
    </message>
    <message>
        <source>Laptop belum sinkron.</source>
        <translation>This laptop has not synced.</translation>
    </message>
    <message>
        <source>Laptop ini {days} hari belum sinkron dengan cabang {home} ({last}). Kirim paket ke cabang dan impor balasannya: {days_left} hari lagi pendaftaran baru ditolak.</source>
        <translation>This laptop has not synced with branch {home} for {days} days ({last}). Send a package to the branch and import its reply: in {days_left} days new enrolments will be refused.</translation>
    </message>
    <message>
        <source>Laptop ini {days} hari belum sinkron dengan cabang {home} ({last}; batas {freeze_days} hari). Pendaftaran baru ditolak sampai paket dikirim ke cabang dan balasan cabang diimpor (halaman Jemput Bola atau &apos;loket package receive&apos;). Pembayaran dan kartu peserta yang sudah terdaftar tetap bisa.</source>
        <translation>This laptop has not synced with branch {home} for {days} days ({last}; limit {freeze_days} days). New enrolments are refused until a package is sent to the branch and the branch&apos;s reply is imported (Outreach page or &apos;loket package receive&apos;). Payments and cards for already enrolled members still work.</translation>
    </message>
    <message>
        <source>Loket hanya mendukung SQLite dan PostgreSQL.</source>
        <translation>Loket supports only SQLite and PostgreSQL.</translation>
    </message>
    <message>
        <source>Loket lain terus mencatat transaksi selama ringkasan dibuat. Minta loket berhenti sebentar, lalu ulangi.</source>
        <translation>Other counters kept recording transactions while the summary was made. Ask the counters to pause briefly, then repeat.</translation>
    </message>
    <message>
        <source>Lunasi tunggakan lebih dulu: mulai dari {label}.</source>
        <translation>Pay the arrears first: start from {label}.</translation>
    </message>
    <message>
        <source>Masa proyek paling lama {max_project_months} bulan.</source>
        <translation>Project duration at most {max_project_months} months.</translation>
    </message>
    <message>
        <source>Metode &apos;brackets&apos; butuh daftar golongan.</source>
        <translation>The &apos;brackets&apos; method needs a list of bands.</translation>
    </message>
    <message>
        <source>Metode dasar iuran &apos;{method}&apos; tidak dikenal.</source>
        <translation>Unknown contribution base method &apos;{method}&apos;.</translation>
    </message>
    <message>
        <source>Mirip baris {shown} di file ini: nama mirip, tanggal lahir dan kecamatan NIK sama, NIK berbeda. Periksa KTP keduanya; simpan tetap hanya dengan persetujuan supervisor dan alasannya.</source>
        <translation>Similar to row {shown} in this file: similar name, same date of birth and NIK district, different NIK. Check both KTPs; save anyway only with supervisor approval and a reason.</translation>
    </message>
    <message>
        <source>Mirip peserta yang sudah terdaftar ({numbers}): nama mirip, tanggal lahir dan kecamatan NIK sama. Bandingkan datanya; simpan tetap hanya dengan persetujuan supervisor dan alasannya.</source>
        <translation>Similar to an already enrolled member ({numbers}): similar name, same date of birth and NIK district. Compare the data; save anyway only with supervisor approval and a reason.</translation>
    </message>
    <message>
        <source>Mode semua-atau-tidak: {count} baris ditolak, jadi tidak ada yang disimpan. Perbaiki baris tersebut, atau pilih mode &apos;accepted&apos; untuk menyimpan baris yang lolos saja.</source>
        <translation>All-or-nothing mode: {count} rows rejected, so nothing was saved. Fix those rows, or choose &apos;accepted&apos; mode to save only the rows that passed.</translation>
    </message>
    <message>
        <source>NIK baru sudah dipakai peserta aktif lain.</source>
        <translation>The new NIK is already used by another active member.</translation>
    </message>
    <message>
        <source>NIK harus 16 digit angka.</source>
        <translation>The NIK must be 16 digits.</translation>
    </message>
    <message>
        <source>NIK ini milik peserta {number} yang sedang dimutasi dari cabang {branch_code} {branch_name} ke cabang {moving_to}. Jangan daftarkan lagi: cabang tujuan menerima mutasinya.</source>
        <translation>This NIK belongs to member {number}, who is being transferred from branch {branch_code} {branch_name} to branch {moving_to}. Do not enrol again: the destination branch will receive the transfer.</translation>
    </message>
    <message>
        <source>NIK ini muncul lebih dari sekali di file (baris {shown}). Satu NIK satu baris: hapus yang keliru.</source>
        <translation>This NIK appears more than once in the file (rows {shown}). One row per NIK: delete the wrong one.</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {holder}.</source>
        <translation>This NIK is already enrolled as an active member with number {holder}.</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar sebagai peserta aktif dengan nomor {number}.</source>
        <translation>This NIK is already enrolled as an active member with number {number}.</translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar sebagai peserta aktif di cabang {branch_code} {branch_name} dengan nomor {number}. Jangan daftarkan lagi: minta cabang itu memutasikan peserta ke cabang ini (mutasi).</source>
        <translation>This NIK is already enrolled as an active member at branch {branch_code} {branch_name} with number {number}. Do not enrol again: ask that branch to transfer the member to this branch.</translation>
    </message>
    <message>
        <source>NIK peserta ini sudah aktif di cabang ini dengan nomor {taken}: gabungkan dulu (nonaktifkan salah satunya) sebelum menerima mutasi.</source>
        <translation>This member&apos;s NIK is already active at this branch with number {taken}: merge first (deactivate one of them) before accepting the transfer.</translation>
    </message>
    <message>
        <source>NIK tersimpan sebagai angka ({label}); digit terakhirnya bisa hilang atau berubah. Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.</source>
        <translation>NIK stored as a number ({label}); its last digits may be lost or changed. Format the NIK column as Text, then retype the NIK from the KTP.</translation>
    </message>
    <message>
        <source>NIK tersimpan sebagai angka; sebaiknya format kolom NIK sebagai Teks.</source>
        <translation>The NIK is stored as a number; better format the NIK column as Text.</translation>
    </message>
    <message>
        <source>NIK tertulis dalam notasi ilmiah ({text}); digit terakhirnya hilang. Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP.</source>
        <translation>NIK written in scientific notation ({text}); its last digits are lost. Format the NIK column as Text, then retype the NIK from the KTP.</translation>
    </message>
    <message>
        <source>NIK wajib diisi.</source>
        <translation>The NIK is required.</translation>
    </message>
    <message>
        <source>NPP hanya boleh berisi huruf dan angka, 5–30 karakter.</source>
        <translation>The NPP may only contain letters and digits, 5–30 characters.</translation>
    </message>
    <message>
        <source>NPP perusahaan wajib diisi untuk pekerja Penerima Upah (PU).</source>
        <translation>The employer NPP is required for wage earners (PU).</translation>
    </message>
    <message>
        <source>NPP tidak dipakai untuk segmen {segmen}; diabaikan.</source>
        <translation>NPP is not used for segment {segmen}; ignored.</translation>
    </message>
    <message>
        <source>Nama berkas ekspor kosong.</source>
        <translation>The export file name is empty.</translation>
    </message>
    <message>
        <source>Nama berkas ekspor paling panjang {max_name} karakter.</source>
        <translation>Export file name at most {max_name} characters.</translation>
    </message>
    <message>
        <source>Nama berkas hanya boleh huruf, angka, spasi, titik, &apos;-&apos;, &apos;_&apos; dan tanda kurung.</source>
        <translation>A file name may only contain letters, digits, spaces, dots, &apos;-&apos;, &apos;_&apos; and brackets.</translation>
    </message>
    <message>
        <source>Nama berkas keluar dari folder yang dipilih.</source>
        <translation>The file name leads outside the chosen folder.</translation>
    </message>
    <message>
        <source>Nama berkas tidak boleh diawali titik, spasi atau &apos;-&apos;, atau diakhiri titik atau spasi.</source>
        <translation>A file name may not start with a dot, space or &apos;-&apos;, or end with a dot or space.</translation>
    </message>
    <message>
        <source>Nama berkas tidak boleh memuat &apos;..&apos;.</source>
        <translation>A file name may not contain &apos;..&apos;.</translation>
    </message>
    <message>
        <source>Nama berkas tidak boleh memuat / \ atau : (berkas disimpan di folder yang dipilih).</source>
        <translation>A file name may not contain / \ or : (the file is saved in the chosen folder).</translation>
    </message>
    <message>
        <source>Nama cabang 3–100 karakter (huruf, angka, tanda baca biasa).</source>
        <translation>Branch name 3–100 characters (letters, digits, ordinary punctuation).</translation>
    </message>
    <message>
        <source>Nama hari libur paling banyak {max_name} karakter.</source>
        <translation>Holiday name at most {max_name} characters.</translation>
    </message>
    <message>
        <source>Nama lengkap petugas wajib diisi (maks. 100).</source>
        <translation>The officer&apos;s full name is required (max. 100).</translation>
    </message>
    <message>
        <source>Nama loket hanya boleh berisi huruf, angka, spasi dan . , - / # ( ).</source>
        <translation>A counter name may hold only letters, digits, spaces and . , - / # ( ).</translation>
    </message>
    <message>
        <source>Nama loket paling banyak {max_length} karakter.</source>
        <translation>Counter name at most {max_length} characters.</translation>
    </message>
    <message>
        <source>Nama pemberi dana 3–100 karakter, mis. Pemkab Ogan Ilir.</source>
        <translation>Funder name 3–100 characters, e.g. Pemkab Ogan Ilir.</translation>
    </message>
    <message>
        <source>Nama pengguna &apos;{username}&apos; sudah dipakai.</source>
        <translation>Username &apos;{username}&apos; is already taken.</translation>
    </message>
    <message>
        <source>Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau minus; diawali huruf.</source>
        <translation>Username 3–40 characters: lower-case letters, digits, dot, underscore or minus; starting with a letter.</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi supervisor (di cadangan itu) salah.</source>
        <translation>Wrong user name or supervisor password (of that backup).</translation>
    </message>
    <message>
        <source>Nama penyandang dana 3–100 karakter, mis. Pemkab Ogan Ilir.</source>
        <translation>Sponsor name 3–100 characters, e.g. Pemkab Ogan Ilir.</translation>
    </message>
    <message>
        <source>Nilai kontrak (sebelum PPN) harus lebih dari Rp0.</source>
        <translation>The contract value (before VAT) must be more than Rp0.</translation>
    </message>
    <message>
        <source>Nilai kontrak hanya angka rupiah dengan titik ribuan, misalnya 180.000.000.</source>
        <translation>The contract value takes rupiah digits only, with dots for thousands, e.g. 180.000.000.</translation>
    </message>
    <message>
        <source>Nominal JHT PMI ditulis rupiah, mis. 100000.</source>
        <translation>Write the JHT amount in rupiah, e.g. 100000.</translation>
    </message>
    <message>
        <source>Nomor HP tidak valid. Tulis 08… atau +62…, 10–13 digit.</source>
        <translation>Invalid mobile number. Write 08… or +62…, 10–13 digits.</translation>
    </message>
    <message>
        <source>Nomor ini sudah digabung ke nomor lain: lakukan pada nomor tujuan.</source>
        <translation>This number was merged into another: act on the surviving number.</translation>
    </message>
    <message>
        <source>Nomor peserta cabang ini sudah habis.</source>
        <translation>This branch has run out of membership numbers.</translation>
    </message>
    <message>
        <source>Nomor peserta harus {number_len} digit angka.</source>
        <translation>Member number must be {number_len} digits.</translation>
    </message>
    <message>
        <source>Nomor peserta salah ketik: digit pemeriksa tidak cocok. Periksa kembali nomornya.</source>
        <translation>Membership number mistyped: the check digit does not match. Check the number again.</translation>
    </message>
    <message>
        <source>Nomor peserta {m} di paket tidak sah.</source>
        <translation>Member number {m} in the package is invalid.</translation>
    </message>
    <message>
        <source>Nomor referensi paling banyak 60 karakter.</source>
        <translation>The reference number may be at most 60 characters.</translation>
    </message>
    <message>
        <source>Nomor referensi wajib untuk pembayaran transfer, APBD atau pemberi kerja (nomor transfer, SP2D, atau surat pemberi kerja).</source>
        <translation>A reference number is required for transfer, APBD or employer payments (transfer number, SP2D, or employer&apos;s letter).</translation>
    </message>
    <message>
        <source>Nomor tujuan hanya untuk penggabungan duplikat.</source>
        <translation>A target number is only for merging a duplicate.</translation>
    </message>
    <message>
        <source>Nomor urut NIK (4 digit terakhir) tidak boleh 0000.</source>
        <translation>The NIK serial (last 4 digits) may not be 0000.</translation>
    </message>
    <message>
        <source>PMI perseorangan membayar paling cepat {individual_earliest_months} bulan sebelum berangkat (mulai {earliest}).</source>
        <translation>Individual PMI can pay at most {individual_earliest_months} months before departure (from {earliest}).</translation>
    </message>
    <message>
        <source>Paket PMI sudah dibayar; perpanjangan dibayar per bulan (sebutkan jumlah bulan).</source>
        <translation>The migrant worker packages are paid; an extension is paid by the month (give the number of months).</translation>
    </message>
    <message>
        <source>Paket berasal dari kode {source_code}, sama dengan cabang ini. Setiap laptop jemput bola harus diatur dengan kode 3 digit sendiri (loket branch setup --code …) agar nomor peserta tidak bentrok.</source>
        <translation>The package comes from code {source_code}, the same as this branch. Each outreach laptop must be set up with its own 3-digit code (loket branch setup --code …) so member numbers do not clash.</translation>
    </message>
    <message>
        <source>Paket ditandatangani kunci {key_id} dari {code} {name} yang belum dipercaya di sini. Impor dulu kunci publik pengirimnya: &apos;loket keys import FILE&apos; (supervisor).</source>
        <translation>The package is signed with key {key_id} from {code} {name}, which is not yet trusted here. Import the sender&apos;s public key first: &apos;loket keys import FILE&apos; (supervisor).</translation>
    </message>
    <message>
        <source>Paket ini dari laptop {source_code} milik cabang {home}, bukan cabang {code}. Bawa paket ke cabangnya sendiri; tidak ada yang digabung di sini.</source>
        <translation>This package is from laptop {source_code} of branch {home}, not branch {code}. Take the package to its own branch; nothing was merged here.</translation>
    </message>
    <message>
        <source>Paket memuat bagian yang tidak dikenal: {name}.</source>
        <translation>The package contains an unknown part: {name}.</translation>
    </message>
    <message>
        <source>Paket penempatan PMI wajib diisi.</source>
        <translation>The PMI placement packages are required.</translation>
    </message>
    <message>
        <source>Paket penempatan harus urut lama kontrak, tanpa ganda.</source>
        <translation>Placement packages must be in contract-length order, without repeats.</translation>
    </message>
    <message>
        <source>Paket tidak memuat manifest.json.</source>
        <translation>The package holds no manifest.json.</translation>
    </message>
    <message>
        <source>Paket tidak memuat tanda tangan (manifest.sig).</source>
        <translation>The package holds no signature (manifest.sig).</translation>
    </message>
    <message>
        <source>Paling banyak {max_days} hari per ekspor.</source>
        <translation>At most {max_days} days per export.</translation>
    </message>
    <message>
        <source>Paling banyak {max_months} bulan sekaligus.</source>
        <translation>At most {max_months} months at once.</translation>
    </message>
    <message>
        <source>Paling banyak {max_overrides} hari pengecualian.</source>
        <translation>At most {max_overrides} exception days.</translation>
    </message>
    <message>
        <source>Paling banyak {max_sponsor_members} peserta per tanda bukti.</source>
        <translation>At most {max_sponsor_members} members per receipt.</translation>
    </message>
    <message>
        <source>Paling banyak {max_workers} pekerja sekaligus.</source>
        <translation>At most {max_workers} workers at once.</translation>
    </message>
    <message>
        <source>Paling jauh {max_ahead} bulan ke depan ({label}).</source>
        <translation>At most {max_ahead} months ahead ({label}).</translation>
    </message>
    <message>
        <source>Pekerja ini sudah terdaftar di proyek lain.</source>
        <translation>This worker is already listed under another project.</translation>
    </message>
    <message>
        <source>Pekerjaan peserta ini bukan pekerjaan musiman; jadwal bayar saat panen perlu alasan (minimal {min_reason} karakter), mis. &apos;penghasilan dari kebun sawit keluarga&apos;.</source>
        <translation>This member&apos;s occupation is not seasonal; a harvest-time payment schedule needs a reason (at least {min_reason} characters), e.g. &apos;income from the family oil palm plantation&apos;.</translation>
    </message>
    <message>
        <source>Pekerjaan tidak ada di daftar (isi kode P001… atau namanya).</source>
        <translation>The occupation is not in the list (fill in a code P001… or its name).</translation>
    </message>
    <message>
        <source>Pekerjaan wajib dipilih.</source>
        <translation>The occupation is required.</translation>
    </message>
    <message>
        <source>Pembayaran &apos;{text}&apos; tidak ditemukan.</source>
        <translation>Payment &apos;{text}&apos; not found.</translation>
    </message>
    <message>
        <source>Pembayaran {label} diterima di cabang {code_of} sebelum peserta pindah ke cabang ini; riwayat itu tidak diubah di sini.</source>
        <translation>Payment {label} was received at branch {code_of} before the member moved to this branch; that history is not changed here.</translation>
    </message>
    <message>
        <source>Pembayaran {receipt_no} sudah dibatalkan.</source>
        <translation>Payment {receipt_no} is already cancelled.</translation>
    </message>
    <message>
        <source>Pemeriksaan NIK di cabang lain se-wilayah TIDAK berjalan: server Kanwil tidak dapat dihubungi. Pemeriksaan di cabang ini tetap berlaku.</source>
        <translation>The NIK check across the region&apos;s other branches did NOT run: the regional server cannot be reached. This branch&apos;s checks still apply.</translation>
    </message>
    <message>
        <source>Pemetaan &apos;{part}&apos; harus berbentuk JUDUL=kunci.</source>
        <translation>Mapping &apos;{part}&apos; must be in the form HEADING=key.</translation>
    </message>
    <message>
        <source>Pemulihan cabang ini dari cadangan lama diterima Kanwil {at} oleh {by}: {lost} baris yang sudah sampai di Kanwil tidak ada lagi di cabang (daftarnya: &apos;loket region restores&apos;).</source>
        <translation>The Kanwil accepted this branch&apos;s restore from an older backup on {at} ({by}): {lost} rows that had reached the Kanwil are no longer at the branch (list: &apos;loket region restores&apos;).</translation>
    </message>
    <message>
        <source>Pendaftaran ditolak setelah 2–{max_days} hari tanpa sinkron.</source>
        <translation>Enrolment refused after 2–{max_days} days without sync.</translation>
    </message>
    <message>
        <source>Penghasilan harus bilangan bulat lebih dari 0.</source>
        <translation>Income must be a whole number above 0.</translation>
    </message>
    <message>
        <source>Penghasilan harus bilangan bulat rupiah, mis. 1500000.</source>
        <translation>Income must be whole rupiah, e.g. 1500000.</translation>
    </message>
    <message>
        <source>Penghasilan harus lebih dari 0.</source>
        <translation>Income must be more than 0.</translation>
    </message>
    <message>
        <source>Penghasilan ini tidak masuk golongan mana pun.</source>
        <translation>This income falls in no income band.</translation>
    </message>
    <message>
        <source>Penghasilan per bulan wajib diisi (rupiah).</source>
        <translation>The monthly income is required (rupiah).</translation>
    </message>
    <message>
        <source>Penghasilan terlalu besar; periksa jumlah digitnya.</source>
        <translation>The income is too large; check the number of digits.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup mutasi peserta.</source>
        <translation>Your role does not include moving members.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pencetakan kartu.</source>
        <translation>Your role does not include printing cards.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pencetakan tanda terima.</source>
        <translation>Your role does not include printing receipts.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup penerimaan iuran.</source>
        <translation>Your role does not include taking contributions.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pengajuan koreksi data.</source>
        <translation>Your role does not include proposing data corrections.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pengaturan jadwal bayar.</source>
        <translation>Your role does not include setting payment schedules.</translation>
    </message>
    <message>
        <source>Peran harus &apos;officer&apos; atau &apos;supervisor&apos;.</source>
        <translation>The role must be &apos;officer&apos; or &apos;supervisor&apos;.</translation>
    </message>
    <message>
        <source>Peringatan setelah 1–{max_days} hari tanpa sinkron.</source>
        <translation>Warning after 1–{max_days} days without sync.</translation>
    </message>
    <message>
        <source>Periode paket 1–{max_days} hari, tanggal akhir tidak sebelum awal.</source>
        <translation>Package period 1–{max_days} days; end date not before start date.</translation>
    </message>
    <message>
        <source>Peristiwa audit #{seq} di paket tidak tersambung ke #{seq2}.</source>
        <translation>Audit event #{seq} in the package does not link to #{seq2}.</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang #{pending} masih menunggu persetujuan.</source>
        <translation>Reprint request #{pending} is still awaiting approval.</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang masih menunggu persetujuan supervisor.</source>
        <translation>A reprint request is still waiting for a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang {label} tidak menunggu.</source>
        <translation>Reprint request {label} is not pending.</translation>
    </message>
    <message>
        <source>Persentase ditulis angka 0–100, mis. 34 atau 34,5.</source>
        <translation>Write the percentage as a number 0–100, e.g. 34 or 34,5.</translation>
    </message>
    <message>
        <source>Persentase paling besar 100.</source>
        <translation>The percentage may be at most 100.</translation>
    </message>
    <message>
        <source>Peserta &apos;{key}&apos; tidak ditemukan.</source>
        <translation>Member &apos;{key}&apos; not found.</translation>
    </message>
    <message>
        <source>Peserta belum memiliki data kepesertaan (segmen, program).</source>
        <translation>The member has no membership data yet (segment, programmes).</translation>
    </message>
    <message>
        <source>Peserta belum memiliki kartu yang berlaku; cetak kartu lebih dulu.</source>
        <translation>The member has no valid card yet; print a card first.</translation>
    </message>
    <message>
        <source>Peserta dengan nomor {number} tidak ditemukan.</source>
        <translation>Member with number {number} not found.</translation>
    </message>
    <message>
        <source>Peserta dengan nomor {value} tidak ditemukan.</source>
        <translation>Member with number {value} not found.</translation>
    </message>
    <message>
        <source>Peserta ini belum punya data kepesertaan.</source>
        <translation>This member has no membership data yet.</translation>
    </message>
    <message>
        <source>Peserta ini tidak aktif.</source>
        <translation>This member is not active.</translation>
    </message>
    <message>
        <source>Peserta pembayaran {label} sudah dimutasi ke cabang lain; riwayatnya tidak diubah lagi.</source>
        <translation>The member of payment {label} has been transferred to another branch; their history is no longer changed.</translation>
    </message>
    <message>
        <source>Peserta tujuan {number} tidak aktif.</source>
        <translation>Target member {number} is not active.</translation>
    </message>
    <message>
        <source>Peserta {number} belum memiliki kepesertaan.</source>
        <translation>Member {number} has no membership yet.</translation>
    </message>
    <message>
        <source>Peserta {number} berstatus {record_status_labels}; kartu tidak dapat dicetak.</source>
        <translation>Member {number} has status {record_status_labels}; the card cannot be printed.</translation>
    </message>
    <message>
        <source>Peserta {number} digabung di laptop ke {into}, yang belum ada di cabang ini. Impor dulu paket yang memuat peserta tujuan itu.</source>
        <translation>Member {number} was merged on the laptop into {into}, who is not yet at this branch. First import the package containing that target member.</translation>
    </message>
    <message>
        <source>Peserta {number} sudah aktif di cabang ini.</source>
        <translation>Member {number} is already active at this branch.</translation>
    </message>
    <message>
        <source>Peserta {number} sudah tidak aktif ({record_status}).</source>
        <translation>Member {number} is no longer active ({record_status}).</translation>
    </message>
    <message>
        <source>Peserta {number} tidak memiliki kartu yang berlaku; cetak kartu biasa (tanpa cetak ulang).</source>
        <translation>Member {number} has no valid card; print a regular card (not a reprint).</translation>
    </message>
    <message>
        <source>Petugas &apos;{unknown}&apos; tidak ada.</source>
        <translation>Officer &apos;{unknown}&apos; does not exist.</translation>
    </message>
    <message>
        <source>Petugas &apos;{username}&apos; tidak ada.</source>
        <translation>Officer &apos;{username}&apos; does not exist.</translation>
    </message>
    <message>
        <source>Pihak pembayar &apos;{payer}&apos; tidak dikenal (employer/worker).</source>
        <translation>Unknown paying party &apos;{payer}&apos; (employer/worker).</translation>
    </message>
    <message>
        <source>Pilih minimal satu bulan panen.</source>
        <translation>Choose at least one harvest month.</translation>
    </message>
    <message>
        <source>Pilih mode impor: &apos;all&apos; (semua atau tidak) atau &apos;accepted&apos;.</source>
        <translation>Choose the import mode: &apos;all&apos; (all or nothing) or &apos;accepted&apos;.</translation>
    </message>
    <message>
        <source>Program &apos;{code}&apos; tidak dikenal.</source>
        <translation>Unknown programme &apos;{code}&apos;.</translation>
    </message>
    <message>
        <source>Program potongan tidak dikenal.</source>
        <translation>Unknown discount programme.</translation>
    </message>
    <message>
        <source>Program rekomposisi butuh daftar &apos;parts&apos;.</source>
        <translation>A recomposed programme needs a &apos;parts&apos; list.</translation>
    </message>
    <message>
        <source>Program wajib dipilih (minimal JKK dan JKM).</source>
        <translation>Programmes are required (at least JKK and JKM).</translation>
    </message>
    <message>
        <source>Program {code} hanya untuk pendaftar berusia di bawah {max_age_at_registration} tahun (usia {age}).</source>
        <translation>Programme {code} is only for registrants under {max_age_at_registration} years old (age {age}).</translation>
    </message>
    <message>
        <source>Program {code} mensyaratkan {lacking}.</source>
        <translation>Programme {code} requires {lacking}.</translation>
    </message>
    <message>
        <source>Program {code} tidak dapat diambil: usia {age} tahun sudah mencapai usia pensiun {retire} tahun (berlaku {year}, PP 45/2015 ps. 15).</source>
        <translation>Programme {code} cannot be taken: age {age} has reached the retirement age of {retire} (applicable in {year}, PP 45/2015 ps. 15).</translation>
    </message>
    <message>
        <source>Program {missing} tidak tersedia untuk segmen {segment} (tabel tarif {version}).</source>
        <translation>Programme {missing} is not available for segment {segment} (rate table {version}).</translation>
    </message>
    <message>
        <source>Program {not_allowed} tidak tersedia untuk segmen {segmen}.</source>
        <translation>Programme {not_allowed} is not available for segment {segmen}.</translation>
    </message>
    <message>
        <source>Proyek &apos;{code}&apos; tidak ditemukan.</source>
        <translation>Project &apos;{code}&apos; not found.</translation>
    </message>
    <message>
        <source>Proyek didaftarkan {late} hari kerja setelah SPK; batasnya {registration_working_days} hari kerja (Permenaker 44/2015).</source>
        <translation>Project registered {late} working days after the SPK; the limit is {registration_working_days} working days (Permenaker 44/2015).</translation>
    </message>
    <message>
        <source>Proyek tidak dapat mulai sebelum bulan SPK.</source>
        <translation>A project cannot start before the work order&apos;s month.</translation>
    </message>
    <message>
        <source>Rusak cetak hanya dicatat pada hari kartu dicetak. Kartu yang sudah diserahkan diganti lewat cetak ulang dengan persetujuan supervisor.</source>
        <translation>A spoiled print is only recorded on the day the card was printed. A card already handed over is replaced through a reprint approved by a supervisor.</translation>
    </message>
    <message>
        <source>Sebuah hari ditutup selama data latihan dibuat; ulangi.</source>
        <translation>A day was closed while training data were being made; try again.</translation>
    </message>
    <message>
        <source>Sebutkan baris yang disetujui supervisor.</source>
        <translation>Name the rows the supervisor approves.</translation>
    </message>
    <message>
        <source>Sebutkan jumlah bulan yang dibayar (perpanjangan paket).</source>
        <translation>Give the number of months paid (a package extension).</translation>
    </message>
    <message>
        <source>Sebutkan kode 3 digit laptop jemput bola (bukan kode cabang ini).</source>
        <translation>Give the 3-digit code of the outreach laptop (not this branch&apos;s code).</translation>
    </message>
    <message>
        <source>Sebutkan minimal satu kolom yang dikoreksi.</source>
        <translation>Name at least one field to correct.</translation>
    </message>
    <message>
        <source>Sebutkan nomor peserta tujuan penggabungan (--into).</source>
        <translation>Give the membership number to merge into (--into).</translation>
    </message>
    <message>
        <source>Segmen &apos;{code}&apos; tidak dikenal.</source>
        <translation>Unknown segment &apos;{code}&apos;.</translation>
    </message>
    <message>
        <source>Segmen &apos;{segment}&apos; tidak ada di tabel tarif.</source>
        <translation>Segment &apos;{segment}&apos; is not in the rate table.</translation>
    </message>
    <message>
        <source>Segmen potongan tidak dikenal.</source>
        <translation>Unknown discount segment.</translation>
    </message>
    <message>
        <source>Sel &apos;{key}&apos; berisi galat rumus {text}; perbaiki rumusnya atau isi nilainya.</source>
        <translation>Cell &apos;{key}&apos; contains formula error {text}; fix the formula or enter the value.</translation>
    </message>
    <message>
        <source>Sel {letter}{n} berisi rumus tanpa nilai tersimpan. Buka file di Excel/LibreOffice, simpan ulang (atau salin-tempel sebagai nilai), lalu impor lagi.</source>
        <translation>Cell {letter}{n} contains a formula with no stored value. Open the file in Excel/LibreOffice, save it again (or copy-paste as values), then import again.</translation>
    </message>
    <message>
        <source>Sel {letter}{n} digabung (merge) dengan baris lain. Pisahkan sel dan isi setiap baris.</source>
        <translation>Cell {letter}{n} is merged with other rows. Unmerge the cells and fill in every row.</translation>
    </message>
    <message>
        <source>Seri kartu ditulis NOMOR-URUT, mis. 10100000013-1.</source>
        <translation>Write the card serial as NUMBER-SEQUENCE, e.g. 10100000013-1.</translation>
    </message>
    <message>
        <source>Server cabang {code} tidak dapat dihubungi: pemulihan belum diterima.</source>
        <translation>Branch server {code} cannot be reached: the restore was not accepted.</translation>
    </message>
    <message>
        <source>Server cabang {code} tidak dapat dihubungi: salin ulang menunggu sampai tersambung.</source>
        <translation>The server of branch {code} cannot be reached: the re-copy will wait until connected.</translation>
    </message>
    <message>
        <source>Setiap potongan harus punya id yang berbeda.</source>
        <translation>Every discount must have a different id.</translation>
    </message>
    <message>
        <source>Status peserta di cabang tetap: penggabungan tidak mengaktifkan kembali atau menutup dua kali.</source>
        <translation>The member&apos;s standing at the branch stays: a merge neither reactivates a member nor closes one twice.</translation>
    </message>
    <message>
        <source>Sudah ada koreksi {overlap} yang menunggu persetujuan untuk peserta ini.</source>
        <translation>A correction {overlap} is already awaiting approval for this member.</translation>
    </message>
    <message>
        <source>Sumber dana &apos;{funding}&apos; tidak dikenal.</source>
        <translation>Unknown funding source &apos;{funding}&apos;.</translation>
    </message>
    <message>
        <source>Sumber dana {given} diganti APBD ({name}).</source>
        <translation>Funding source {given} replaced with APBD ({name}).</translation>
    </message>
    <message>
        <source>Supervisor tidak dapat menonaktifkan akunnya sendiri.</source>
        <translation>A supervisor cannot deactivate their own account.</translation>
    </message>
    <message>
        <source>Tabel ini sama dengan tabel bawaan.</source>
        <translation>This table is the same as the built-in table.</translation>
    </message>
    <message>
        <source>Tabel tarif harus objek JSON.</source>
        <translation>A rate table must be a JSON object.</translation>
    </message>
    <message>
        <source>Tabel tarif tidak memuat aturan kepesertaan {segment}.</source>
        <translation>The rate table has no membership rules for {segment}.</translation>
    </message>
    <message>
        <source>Tabel tarif tidak memuat paket PMI.</source>
        <translation>The rate table has no migrant worker packages.</translation>
    </message>
    <message>
        <source>Tabel tarif yang sama sudah dimuat.</source>
        <translation>The same rate table is already loaded.</translation>
    </message>
    <message>
        <source>Tanda bukti &apos;{text}&apos; tidak ditemukan.</source>
        <translation>Receipt &apos;{text}&apos; not found.</translation>
    </message>
    <message>
        <source>Tanda tangan paket tidak cocok: manifest diubah atau paket tidak ditandatangani kunci itu.</source>
        <translation>The package signature does not match: the manifest was changed or the package was not signed with that key.</translation>
    </message>
    <message>
        <source>Tanggal SPK tidak boleh di masa depan.</source>
        <translation>The work order (SPK) date cannot be in the future.</translation>
    </message>
    <message>
        <source>Tanggal akhir sebelum tanggal awal.</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <source>Tanggal harus antara tahun 2015 dan 2100.</source>
        <translation>The date must be between 2015 and 2100.</translation>
    </message>
    <message>
        <source>Tanggal jatuh tempo harus 1–28.</source>
        <translation>The due day must be 1–28.</translation>
    </message>
    <message>
        <source>Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang benar.</source>
        <translation>The date of birth in the NIK (digits 7–12) is not a real date.</translation>
    </message>
    <message>
        <source>Tanggal lahir pada NIK ada di masa depan.</source>
        <translation>The date of birth in the NIK is in the future.</translation>
    </message>
    <message>
        <source>Tanggal lahir terlalu lampau.</source>
        <translation>The date of birth is too far in the past.</translation>
    </message>
    <message>
        <source>Tanggal lahir tidak boleh di masa depan.</source>
        <translation>The date of birth may not be in the future.</translation>
    </message>
    <message>
        <source>Tanggal lahir tidak dikenali. Tulis TTTT-BB-HH (mis. 1990-08-17) atau HH/BB/TTTT.</source>
        <translation>The date of birth is not recognised. Write YYYY-MM-DD (e.g. 1990-08-17) or DD/MM/YYYY.</translation>
    </message>
    <message>
        <source>Tanggal lahir wajib diisi.</source>
        <translation>The date of birth is required.</translation>
    </message>
    <message>
        <source>Tanggal lahir {birth} berbeda dengan NIK ({birth_date}). Periksa KTP lalu konfirmasi bila memang benar.</source>
        <translation>Date of birth {birth} differs from the NIK ({birth_date}). Check the KTP, then confirm if it is correct.</translation>
    </message>
    <message>
        <source>Tanggal {long_date} belum tiba.</source>
        <translation>Date {long_date} has not arrived yet.</translation>
    </message>
    <message>
        <source>Target harus lebih dari 0%.</source>
        <translation>The target must be more than 0%.</translation>
    </message>
    <message>
        <source>Target harus lebih tinggi dari cakupan awal.</source>
        <translation>The target must be higher than the baseline coverage.</translation>
    </message>
    <message>
        <source>Tarif segmen {code} wajib ada.</source>
        <translation>Rates for segment {code} are required.</translation>
    </message>
    <message>
        <source>Tarif {must} wajib ada untuk segmen {code}.</source>
        <translation>Rate {must} is required for segment {code}.</translation>
    </message>
    <message>
        <source>Teks di file {name} terlalu besar ({file_size} MB setelah dibuka). Periksa isi file; mungkin ada sel berisi data yang tidak semestinya.</source>
        <translation>Text in file {name} is too large ({file_size} MB when unpacked). Check the file&apos;s contents; some cells may contain data that does not belong there.</translation>
    </message>
    <message>
        <source>Tempat lahir hanya boleh berisi huruf dan tanda baca.</source>
        <translation>The place of birth may only contain letters and punctuation.</translation>
    </message>
    <message>
        <source>Tempat lahir paling banyak 60 karakter.</source>
        <translation>The place of birth may be at most 60 characters.</translation>
    </message>
    <message>
        <source>Tempat lahir wajib diisi.</source>
        <translation>The place of birth is required.</translation>
    </message>
    <message>
        <source>Terlalu banyak percobaan gagal. Akun dikunci selama 15 menit.</source>
        <translation>Too many failed attempts. The account is locked for 15 minutes.</translation>
    </message>
    <message>
        <source>Tidak ada baris data di {where}{file_name} (hanya judul kolom).</source>
        <translation>No data rows in {where}{file_name} (column headings only).</translation>
    </message>
    <message>
        <source>Tidak ada baris yang lolos pemeriksaan; tidak ada yang disimpan.</source>
        <translation>No row passed the check; nothing was saved.</translation>
    </message>
    <message>
        <source>Tidak ada data di {where}{name}: semua baris kosong.</source>
        <translation>No data in {where}{name}: all rows are empty.</translation>
    </message>
    <message>
        <source>Tidak ada pengecualian pada {day}.</source>
        <translation>No exception on {day}.</translation>
    </message>
    <message>
        <source>Tidak ada tabel tarif yang berlaku untuk {label}.</source>
        <translation>No rate table applies to {label}.</translation>
    </message>
    <message>
        <source>Tidak ada target untuk {regency_code}.</source>
        <translation>No target for {regency_code}.</translation>
    </message>
    <message>
        <source>Tidak dapat menggabung peserta ke dirinya.</source>
        <translation>A member cannot be merged into itself.</translation>
    </message>
    <message>
        <source>Tidak dapat terhubung ke basis data: {detail}</source>
        <translation>Cannot connect to the database: {detail}</translation>
    </message>
    <message>
        <source>Tindakan ini tidak tersedia.</source>
        <translation>This action is not available.</translation>
    </message>
    <message>
        <source>Tulis ahli waris sebagai NAMA:HUBUNGAN, dipisah titik koma (;).</source>
        <translation>Write heirs as NAME:RELATION, separated by semicolons (;).</translation>
    </message>
    <message>
        <source>Tulis alasan membuka kembali hari (5–500 karakter).</source>
        <translation>Write the reason for reopening the day (5–500 characters).</translation>
    </message>
    <message>
        <source>Tulis alasan pembatalan (minimal 5 karakter).</source>
        <translation>Write the reason for voiding (at least 5 characters).</translation>
    </message>
    <message>
        <source>Tulis alasan rusak cetak, 3–200 karakter (mis. printer macet).</source>
        <translation>Write the reason for the spoiled print, 3–200 characters (e.g. printer jam).</translation>
    </message>
    <message>
        <source>Tulis keputusan (5–500 karakter).</source>
        <translation>Write the decision (5–500 characters).</translation>
    </message>
    <message>
        <source>Tulis nama hari libur atau dasar keputusannya (minimal 3 karakter).</source>
        <translation>Write the holiday&apos;s name or its decree (at least 3 characters).</translation>
    </message>
    <message>
        <source>Uang diterima ditulis dalam rupiah, mis. 50000 atau 50.000.</source>
        <translation>Write the amount received in rupiah, e.g. 50000 or 50.000.</translation>
    </message>
    <message>
        <source>Uang diterima hanya dicatat untuk pembayaran tunai.</source>
        <translation>An amount received is recorded for cash payments only.</translation>
    </message>
    <message>
        <source>Uang diterima kurang {format_rupiah} dari jumlah yang dibayar {format_rupiah2}.</source>
        <translation>Cash received is {format_rupiah} short of the amount paid ({format_rupiah2}).</translation>
    </message>
    <message>
        <source>Uang petugas {officer} selisih {format_rupiah}: tulis alasannya (minimal {min_reason} karakter).</source>
        <translation>Officer {officer}&apos;s cash is off by {format_rupiah}: write the reason (at least {min_reason} characters).</translation>
    </message>
    <message>
        <source>Usia {age} tahun: di atas batas usia pendaftaran {segmen} yang dicatat Loket ({max_age_warning} tahun, belum terkonfirmasi). Periksa ketentuan terbaru sebelum mendaftarkan.</source>
        <translation>Age {age}: above the {segmen} enrolment age limit recorded in Loket ({max_age_warning} years, unconfirmed). Check the latest rules before enrolling.</translation>
    </message>
    <message>
        <source>Usia {age} tahun; segmen {segmen} maksimal {max_age} tahun.</source>
        <translation>Age {age}; segment {segmen} allows at most {max_age} years.</translation>
    </message>
    <message>
        <source>Usia {age} tahun; segmen {segmen} minimal {min_age} tahun.</source>
        <translation>Age {age}; segment {segmen} requires at least {min_age} years.</translation>
    </message>
    <message>
        <source>Versi skema cabang {code} berbeda dengan Kanwil: perbarui Loket di keduanya dulu, lalu ulangi.</source>
        <translation>Branch {code}&apos;s schema version differs from the Kanwil&apos;s: upgrade Loket on both first, then try again.</translation>
    </message>
    <message>
        <source>Zona waktu harus Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).</source>
        <translation>The time zone must be Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).</translation>
    </message>
    <message>
        <source>cabang kini berakhir di #{seq}</source>
        <translation>the branch now ends at #{seq}</translation>
    </message>
    <message>
        <source>cabang kini berakhir di #{seq} dan tidak lagi memuat peristiwa itu</source>
        <translation>the branch now ends at #{seq} and no longer holds that event</translation>
    </message>
    <message>
        <source>cabang kini tanpa peristiwa</source>
        <translation>the branch now has no events</translation>
    </message>
    <message>
        <source>grace_months harus 0–24.</source>
        <translation>grace_months must be 0–24.</translation>
    </message>
    <message>
        <source>holiday_shift harus true atau false.</source>
        <translation>holiday_shift must be true or false.</translation>
    </message>
    <message>
        <source>manifest.json rusak atau bukan manifest paket Loket.</source>
        <translation>manifest.json is damaged or not a Loket package manifest.</translation>
    </message>
    <message>
        <source>manifest.json tidak lengkap.</source>
        <translation>manifest.json is incomplete.</translation>
    </message>
    <message>
        <source>month_offset harus 0, 1 atau 2.</source>
        <translation>month_offset must be 0, 1 or 2.</translation>
    </message>
    <message>
        <source>{code} hanya dapat diambil bersama paketnya.</source>
        <translation>{code} can only be taken together with its package.</translation>
    </message>
    <message>
        <source>{count} digit: ketik 16 digit NIK, 11 digit nomor peserta, atau nomor HP (08…/+62…).</source>
        <translation>{count} digits: type a 16-digit NIK, an 11-digit member number, or a phone number (08…/+62…).</translation>
    </message>
    <message>
        <source>{count} kelompok sel digabung (merge) di baris data; baris yang terkena ditolak.</source>
        <translation>{count} merged cell groups in the data rows; affected rows are rejected.</translation>
    </message>
    <message>
        <source>{key} proyek 3–150 karakter.</source>
        <translation>Project {key} must be 3–150 characters.</translation>
    </message>
    <message>
        <source>{label_of}: pilih &apos;laptop&apos; atau &apos;cabang&apos;.</source>
        <translation>{label_of}: choose &apos;laptop&apos; or &apos;cabang&apos; (branch).</translation>
    </message>
    <message>
        <source>{labels} baru sama dengan data sekarang.</source>
        <translation>New {labels} is the same as the current data.</translation>
    </message>
    <message>
        <source>{label} diubah di laptop dan di cabang: pilih salah satu.</source>
        <translation>{label} was changed on both the laptop and the branch: choose one.</translation>
    </message>
    <message>
        <source>{label} hanya boleh berisi huruf, spasi, dan tanda &apos; . , - (ditemukan: {shown}).</source>
        <translation>{label} may only contain letters, spaces and the characters &apos; . , - (found: {shown}).</translation>
    </message>
    <message>
        <source>{label} harus berisi huruf.</source>
        <translation>{label} must contain letters.</translation>
    </message>
    <message>
        <source>{label} paling banyak {name_max} karakter.</source>
        <translation>{label} at most {name_max} characters.</translation>
    </message>
    <message>
        <source>{label} wajib diisi.</source>
        <translation>{label} is required.</translation>
    </message>
    <message>
        <source>{what} memerlukan server PostgreSQL; basis data ini SQLite ({describe}). Pindahkan dulu ke server cabang: loket db copy.</source>
        <translation>{what} requires a PostgreSQL server; this database is SQLite ({describe}). Move it to the branch server first: loket db copy.</translation>
    </message>
    <message>
        <source>{what} {ref} bukan nomor yang dikenal.</source>
        <translation>{what} {ref} is not a recognised number.</translation>
    </message>
    <message>
        <source>… dan {n} masalah {code} lain.</source>
        <translation>… and {n} other {code} problems.</translation>
    </message>
</context>
<context>
    <name>KanwilPanel</name>
    <message>
        <source>Keadaan cabang</source>
        <translation>Branch status</translation>
    </message>
    <message>
        <source>Dasbor Kanwil</source>
        <translation>Kanwil dashboard</translation>
    </message>
    <message>
        <source>Cabang</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Tertinggal</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>{n} peristiwa</source>
        <translation>{n} events</translation>
    </message>
    <message>
        <source>Perubahan terakhir</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>Penjelasan</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>Cabang-cabang Kanwil dan keadaan replikasinya</source>
        <translation>The Kanwil&apos;s branches and their replication state</translation>
    </message>
    <message>
        <source>Perbarui  (Ctrl+U)</source>
        <translation>Refresh  (Ctrl+U)</translation>
    </message>
    <message>
        <source>Tambah cabang…</source>
        <translation>Add branch…</translation>
    </message>
    <message>
        <source>Perbaiki cabang terpilih…</source>
        <translation>Repair selected branch…</translation>
    </message>
    <message>
        <source>Terima pemulihan cabang…</source>
        <translation>Accept branch restore…</translation>
    </message>
    <message>
        <source> Belum terkirim dari server cabang: {kb} kB.</source>
        <translation> Not yet sent from the branch server: {kb} kB.</translation>
    </message>
    <message>
        <source>
Perbaikan: {what}</source>
        <translation>
Repair: {what}</translation>
    </message>
    <message>
        <source>Menanyai Kanwil dan server tiap cabang…</source>
        <translation>Asking the Kanwil and every branch server…</translation>
    </message>
    <message>
        <source>Keadaan replikasi wilayah</source>
        <translation>Region replication state</translation>
    </message>
    <message>
        <source>{where} — diperiksa {at}</source>
        <translation>{where} — checked {at}</translation>
    </message>
    <message>
        <source>Belum ada cabang. Tambahkan cabang pertama dengan &apos;Tambah cabang…&apos;.</source>
        <translation>No branches yet. Add the first one with &apos;Add branch…&apos;.</translation>
    </message>
    <message>
        <source>Menyambungkan cabang: publikasi, langganan, data rujukan…</source>
        <translation>Connecting the branch: publication, subscription, reference data…</translation>
    </message>
    <message>
        <source>Membaca keadaan semua cabang…</source>
        <translation>Reading the state of every branch…</translation>
    </message>
    <message>
        <source>Cabang {code} {name} tersambung: {members} peserta sedang disalin ke Kanwil; data rujukan Kanwil dikirim ke cabang.</source>
        <translation>Branch {code} {name} connected: {members} members are being copied to the Kanwil; the Kanwil&apos;s reference data is sent to the branch.</translation>
    </message>
    <message>
        <source>Menambah cabang</source>
        <translation>Adding a branch</translation>
    </message>
    <message>
        <source>Pilih dulu cabang yang akan diperbaiki di daftar.</source>
        <translation>First select the branch to repair in the list.</translation>
    </message>
    <message>
        <source>Memperbaiki sambungan cabang {code}…</source>
        <translation>Repairing the link of branch {code}…</translation>
    </message>
    <message>
        <source>tidak ada yang perlu diubah</source>
        <translation>nothing needed changing</translation>
    </message>
    <message>
        <source>Cabang {code}: sebelum {before}, sesudah {after} — {steps}.</source>
        <translation>Branch {code}: before {before}, after {after} — {steps}.</translation>
    </message>
    <message>
        <source>Memperbaiki cabang</source>
        <translation>Repairing a branch</translation>
    </message>
    <message>
        <source>Dasbor belum dibaca.</source>
        <translation>Dashboard not read yet.</translation>
    </message>
    <message>
        <source>Kemajuan provinsi ke target</source>
        <translation>The province&apos;s progress toward its target</translation>
    </message>
    <message>
        <source>Baca dasbor</source>
        <translation>Read dashboard</translation>
    </message>
    <message>
        <source>Baca dasbor Kanwil</source>
        <translation>Read the Kanwil dashboard</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Pekerja</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Terlindungi</source>
        <translation>Protected</translation>
    </message>
    <message>
        <source>Terlindungi kini</source>
        <translation>Protected now</translation>
    </message>
    <message>
        <source>Terlindungi di wilayahnya</source>
        <translation>Protected in its area</translation>
    </message>
    <message>
        <source>Peserta terdaftar, terlindungi dan pendaftaran per cabang</source>
        <translation>Registered and protected members and enrolments per branch</translation>
    </message>
    <message>
        <source>dihitung…</source>
        <translation>working out…</translation>
    </message>
    <message>
        <source>{region}, {today}: status perlindungan sedang dihitung ({pending} peserta belum dihitung). Terdaftar {registered} dari {workers} pekerja; target {target} terlindungi.</source>
        <translation>{region}, {today}: protection status is being worked out ({pending} members not yet done). Registered {registered} of {workers} workers; target {target} protected.</translation>
    </message>
    <message>
        <source>{region}, {today}: {covered} dari {workers} pekerja terlindungi ({pct}), {registered} terdaftar; target {target} terlindungi, kurang {remaining}.</source>
        <translation>{region}, {today}: {covered} of {workers} workers protected ({pct}), {registered} registered; target {target} protected, {remaining} to go.</translation>
    </message>
    <message>
        <source>status perlindungan: {done} dari {total}</source>
        <translation>protection status: {done} of {total}</translation>
    </message>
    <message>
        <source>Awal</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Kemajuan</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Cakupan per kabupaten/kota</source>
        <translation>Coverage per regency/city</translation>
    </message>
    <message>
        <source>Baru bulan ini</source>
        <translation>New this month</translation>
    </message>
    <message>
        <source>Per kanal</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>{now} (target {target})</source>
        <translation>{now} (target {target})</translation>
    </message>
    <message>
        <source>Menghitung cakupan dan pendaftaran seluruh wilayah…</source>
        <translation>Counting coverage and enrolments of the whole region…</translation>
    </message>
    <message>
        <source>{pct} dari awal ke target</source>
        <translation>{pct} of the way from baseline to target</translation>
    </message>
    <message>
        <source>Pendaftaran sejak {start} per kanal: {channels}. Per segmen: {segments}.</source>
        <translation>Enrolments since {start} by channel: {channels}. By segment: {segments}.</translation>
    </message>
    <message>
        <source>PERHATIAN: {n} NIK aktif di dua cabang sekaligus (periksa dan gabungkan).</source>
        <translation>ATTENTION: {n} NIKs active at two branches at once (check and merge).</translation>
    </message>
    <message>
        <source>Menerima pemulihan cabang {code}</source>
        <translation>Accepting the restore of branch {code}</translation>
    </message>
</context>
<context>
    <name>KtpCaptureDialog</name>
    <message>
        <source>Berkas terlalu besar untuk foto KTP (maks. 40 MB).</source>
        <translation>The file is too large for a KTP photo (max. 40 MB).</translation>
    </message>
    <message>
        <source>Baca KTP</source>
        <translation>Read KTP</translation>
    </message>
    <message>
        <source>Gambar KTP hanya dibaca di komputer ini, tidak disimpan dan tidak dikirim ke mana pun. Setelah dibaca, periksa kolom yang ditandai, lalu simpan dengan Ctrl+S seperti biasa.</source>
        <translation>The KTP picture is read on this computer only; it is not stored and not sent anywhere. After reading, check the marked fields, then save with Ctrl+S as usual.</translation>
    </message>
    <message>
        <source>Pratinjau kamera</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <source>Ambil foto  (Enter)</source>
        <translation>Take photo  (Enter)</translation>
    </message>
    <message>
        <source>Buka berkas…  (Ctrl+O)</source>
        <translation>Open file…  (Ctrl+O)</translation>
    </message>
    <message>
        <source>&amp;Pindaian terbaru</source>
        <translation>&amp;Newest scan</translation>
    </message>
    <message>
        <source>Tempel gambar  (Ctrl+V)</source>
        <translation>Paste picture  (Ctrl+V)</translation>
    </message>
    <message>
        <source>Batal  (Esc)</source>
        <translation>Cancel  (Esc)</translation>
    </message>
    <message>
        <source>Menyalakan kamera…</source>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <source>Pegang KTP di dalam bingkai hijau; foto diambil sendiri begitu gambar tajam, atau tekan Enter.</source>
        <translation>Hold the KTP inside the green frame; the photo is taken by itself once the picture is sharp, or press Enter.</translation>
    </message>
    <message>
        <source>Tidak ada kamera di komputer ini.</source>
        <translation>There is no camera on this computer.</translation>
    </message>
    <message>
        <source>Seret gambar KTP ke sini, tempel dari papan klip (Ctrl+V), buka berkas (Ctrl+O) atau ambil pindaian terbaru dari folder pemindai (Alt+P).</source>
        <translation>Drag a KTP picture here, paste from the clipboard (Ctrl+V), open a file (Ctrl+O) or take the newest scan from the scanner folder (Alt+N).</translation>
    </message>
    <message>
        <source>Kamera tidak dapat dipakai: {text}</source>
        <translation>The camera cannot be used: {text}</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibuka: {why}</source>
        <translation>The file cannot be opened: {why}</translation>
    </message>
    <message>
        <source>Pilih gambar KTP</source>
        <translation>Choose a KTP picture</translation>
    </message>
    <message>
        <source>Gambar (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)</source>
        <translation>Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>Folder hasil pindaian</source>
        <translation>Scanner output folder</translation>
    </message>
    <message>
        <source>Belum ada gambar di folder pemindai {folder}.</source>
        <translation>No picture in the scanner folder {folder} yet.</translation>
    </message>
    <message>
        <source>Tidak ada gambar untuk dibaca.</source>
        <translation>No picture to read.</translation>
    </message>
    <message>
        <source>Papan klip tidak berisi gambar.</source>
        <translation>The clipboard holds no picture.</translation>
    </message>
</context>
<context>
    <name>KtpReader</name>
    <message>
        <source>Membaca KTP…</source>
        <translation>Reading the KTP…</translation>
    </message>
    <message>
        <source>Pembacaan KTP dibatalkan.</source>
        <translation>Reading the KTP was cancelled.</translation>
    </message>
    <message>
        <source>KTP tidak dapat dibaca ({kind}). Ketik datanya seperti biasa.</source>
        <translation>The KTP cannot be read ({kind}). Type its data as usual.</translation>
    </message>
    <message>
        <source>Gagal membaca KTP: {text}</source>
        <translation>Could not read the KTP: {text}</translation>
    </message>
    <message>
        <source>Tidak terbaca di KTP; terisi dari NIK — periksa</source>
        <translation>Not readable on the KTP; filled from the NIK — check</translation>
    </message>
    <message>
        <source>tidak terbaca</source>
        <translation>not readable</translation>
    </message>
    <message>
        <source>KTP: {note} — isi sendiri</source>
        <translation>KTP: {note} — fill in yourself</translation>
    </message>
    <message>
        <source>KTP {pct}% — periksa: {note}</source>
        <translation>KTP {pct}% — check: {note}</translation>
    </message>
    <message>
        <source>Dari KTP · yakin {pct}%</source>
        <translation>From the KTP · {pct}% sure</translation>
    </message>
    <message>
        <source>KTP terbaca: {n} kolom terisi, {u} perlu dicek (ditandai kuning).</source>
        <translation>KTP read: {n} fields filled, {u} to check (marked yellow).</translation>
    </message>
    <message>
        <source>KTP terbaca: {n} kolom terisi; NIK cocok dengan tanggal lahir, jenis kelamin dan wilayah.</source>
        <translation>KTP read: {n} fields filled; the NIK agrees with the birth date, gender and region.</translation>
    </message>
    <message>
        <source>Tepi kartu tidak ditemukan; seluruh gambar dibaca sebagai kartu.</source>
        <translation>The card edges were not found; the whole picture was read as the card.</translation>
    </message>
    <message>
        <source>Lengkapi nama ibu, penghasilan dan lainnya, lalu simpan dengan Ctrl+S.</source>
        <translation>Complete the mother&apos;s name, income and the rest, then save with Ctrl+S.</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Pemetaan</source>
        <translation>Mapping</translation>
    </message>
    <message>
        <source>Penyandang</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>APBD (pemerintah daerah)</source>
        <translation>APBD (regional government)</translation>
    </message>
    <message>
        <source>APBD / Pemerintah daerah</source>
        <translation>APBD / Regional government</translation>
    </message>
    <message>
        <source>Acara / event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Alasan jadwal</source>
        <translation>Schedule reason</translation>
    </message>
    <message>
        <source>Alasan pembatalan</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>Anak</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>Awal periode</source>
        <translation>Period start</translation>
    </message>
    <message>
        <source>Belum aktif</source>
        <translation>Not yet active</translation>
    </message>
    <message>
        <source>Belum berlangganan</source>
        <translation>Not subscribed</translation>
    </message>
    <message>
        <source>Belum dibayar</source>
        <translation>Not paid yet</translation>
    </message>
    <message>
        <source>Berakhir</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Berlaku</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Bukan Penerima Upah (BPU)</source>
        <translation>Non-wage earners (BPU)</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Bulan berangkat PMI</source>
        <translation>PMI departure month</translation>
    </message>
    <message>
        <source>Bulan berikutnya</source>
        <translation>Next months</translation>
    </message>
    <message>
        <source>Bulan dibayar</source>
        <translation>Months paid</translation>
    </message>
    <message>
        <source>Bulan dibayar saat daftar</source>
        <translation>Months paid at enrolment</translation>
    </message>
    <message>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Cetak ulang</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>Dapat dibayar mulai</source>
        <translation>Payable from</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>Dibatalkan oleh</source>
        <translation>Voided by</translation>
    </message>
    <message>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Dibayar saat mendaftar</source>
        <translation>Paid at enrolment</translation>
    </message>
    <message>
        <source>Dicabut (sudah diganti)</source>
        <translation>Revoked (replaced)</translation>
    </message>
    <message>
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Digabung ke</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <source>Digabung ke nomor lain</source>
        <translation>Merged into another number</translation>
    </message>
    <message>
        <source>Dilindungi sampai</source>
        <translation>Protected until</translation>
    </message>
    <message>
        <source>Dinonaktifkan</source>
        <translation>Switched off</translation>
    </message>
    <message>
        <source>Dipulihkan dari cadangan lama</source>
        <translation>Restored from an older backup</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>E-commerce</source>
        <translation>E-commerce</translation>
    </message>
    <message>
        <source>Gagal</source>
        <translation>Failing</translation>
    </message>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>Identitas dan kepesertaan</source>
        <translation>Identity and membership</translation>
    </message>
    <message>
        <source>Isi data proyek baru; iurannya dihitung saat nilai kontrak diketik. Daftarkan dengan Ctrl+S.</source>
        <translation>Fill in the new project; its contribution is computed as the contract value is typed. Register it with Ctrl+S.</translation>
    </message>
    <message>
        <source>Istri</source>
        <translation>Wife</translation>
    </message>
    <message>
        <source>Iuran berikutnya (Rp)</source>
        <translation>Next contribution (Rp)</translation>
    </message>
    <message>
        <source>Iuran sudah dibayar: cetak tanda bukti (Ctrl+P). Pekerja yang ditambahkan kemudian langsung dilindungi untuk masa proyek.</source>
        <translation>Contribution paid: print the receipt (Ctrl+P). Workers added later are covered at once for the project period.</translation>
    </message>
    <message>
        <source>JHT PMI (Rp)</source>
        <translation>PMI JHT (Rp)</translation>
    </message>
    <message>
        <source>Jadwal bayar</source>
        <translation>Payment schedule</translation>
    </message>
    <message>
        <source>Jalur PMI</source>
        <translation>PMI route</translation>
    </message>
    <message>
        <source>Jalur penempatan PMI</source>
        <translation>PMI placement route</translation>
    </message>
    <message>
        <source>Jaminan Hari Tua (JHT)</source>
        <translation>Old-Age Savings (JHT)</translation>
    </message>
    <message>
        <source>Jaminan Kecelakaan Kerja (JKK)</source>
        <translation>Work Accident Insurance (JKK)</translation>
    </message>
    <message>
        <source>Jaminan Kehilangan Pekerjaan (JKP)</source>
        <translation>Job Loss Insurance (JKP)</translation>
    </message>
    <message>
        <source>Jaminan Kematian (JKM)</source>
        <translation>Death Insurance (JKM)</translation>
    </message>
    <message>
        <source>Jaminan Pensiun (JP)</source>
        <translation>Pension (JP)</translation>
    </message>
    <message>
        <source>Jasa Konstruksi</source>
        <translation>Construction services</translation>
    </message>
    <message>
        <source>Jatuh tempo berikutnya</source>
        <translation>Next due</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Jumlah (Rp)</source>
        <translation>Amount (Rp)</translation>
    </message>
    <message>
        <source>Kabupaten/Kota</source>
        <translation>Regency/City</translation>
    </message>
    <message>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Kantor cabang</source>
        <translation>Branch office</translation>
    </message>
    <message>
        <source>Kartu</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Kartu hilang</source>
        <translation>Card lost</translation>
    </message>
    <message>
        <source>Kartu peserta</source>
        <translation>Membership card</translation>
    </message>
    <message>
        <source>Kartu rusak</source>
        <translation>Card damaged</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Kel/Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Kelas risiko</source>
        <translation>Risk class</translation>
    </message>
    <message>
        <source>Kelas risiko JKK (PU)</source>
        <translation>JKK risk class (PU)</translation>
    </message>
    <message>
        <source>Kepesertaan</source>
        <translation>Membership</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Kode cabang</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>Kode wilayah</source>
        <translation>Region code</translation>
    </message>
    <message>
        <source>Kode wilayah (desa/kelurahan)</source>
        <translation>Region code (village)</translation>
    </message>
    <message>
        <source>Koreksi</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Koreksi data</source>
        <translation>Data correction</translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Lama kontrak PMI (bulan)</source>
        <translation>PMI contract length (months)</translation>
    </message>
    <message>
        <source>Lancar</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Langkah berikutnya: daftarkan pekerja JAKON proyek ini dengan nomor pesertanya.</source>
        <translation>Next step: list this project&apos;s JAKON workers by their membership numbers.</translation>
    </message>
    <message>
        <source>Langkah berikutnya: terima pembayaran iuran proyek (Ctrl+B). Pekerja masih dapat ditambah.</source>
        <translation>Next step: take the project&apos;s contribution (Ctrl+B). Workers can still be added.</translation>
    </message>
    <message>
        <source>Lewat masa tenggang</source>
        <translation>Past grace period</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Loket kantor cabang</source>
        <translation>Branch counter</translation>
    </message>
    <message>
        <source>Lunas sampai</source>
        <translation>Paid through</translation>
    </message>
    <message>
        <source>Mandiri (dibayar sendiri)</source>
        <translation>Self-funded</translation>
    </message>
    <message>
        <source>Masa kontrak PMI (bulan)</source>
        <translation>PMI contract (months)</translation>
    </message>
    <message>
        <source>Memulai</source>
        <translation>Starting</translation>
    </message>
    <message>
        <source>Menunggak</source>
        <translation>In arrears</translation>
    </message>
    <message>
        <source>Minggu ini</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>NIK (disamarkan)</source>
        <translation>NIK (masked)</translation>
    </message>
    <message>
        <source>NPP (nomor pendaftaran perusahaan)</source>
        <translation>NPP (employer registration number)</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Nama peserta</source>
        <translation>Member name</translation>
    </message>
    <message>
        <source>Nama petugas</source>
        <translation>Officer name</translation>
    </message>
    <message>
        <source>Nominal JHT PMI per bulan</source>
        <translation>PMI JHT amount per month</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Nomor tanda bukti</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Orang tua</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Pasar</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>Pekerja Migran Indonesia</source>
        <translation>Indonesian migrant workers</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Pembayaran iuran</source>
        <translation>Contribution payment</translation>
    </message>
    <message>
        <source>Pemberi kerja</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>Penerima Upah (PU)</source>
        <translation>Wage earners (PU)</translation>
    </message>
    <message>
        <source>Penghasilan (Rp)</source>
        <translation>Income (Rp)</translation>
    </message>
    <message>
        <source>Penghasilan per bulan</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>Penonaktifan</source>
        <translation>Deactivation</translation>
    </message>
    <message>
        <source>Penyandang dana</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pendaftaran pekerja proyek.</source>
        <translation>Your role does not include listing a project&apos;s workers.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup pendaftaran proyek.</source>
        <translation>Your role does not include registering projects.</translation>
    </message>
    <message>
        <source>Peran Anda tidak mencakup penerimaan iuran.</source>
        <translation>Your role does not include taking contributions.</translation>
    </message>
    <message>
        <source>Perlindungan sesudah pembayaran</source>
        <translation>Cover after payment</translation>
    </message>
    <message>
        <source>Perlu sinkron ulang</source>
        <translation>Needs a full resync</translation>
    </message>
    <message>
        <source>Perubahan data peserta</source>
        <translation>Change of member data</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Petugas loket</source>
        <translation>Counter officer</translation>
    </message>
    <message>
        <source>Pindah cabang</source>
        <translation>Moved to another branch</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Referensi</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Rincian iuran</source>
        <translation>Contribution details</translation>
    </message>
    <message>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Riwayat perubahan dan akses</source>
        <translation>History of changes and access</translation>
    </message>
    <message>
        <source>Rusak cetak (tidak berlaku)</source>
        <translation>Spoiled print (void)</translation>
    </message>
    <message>
        <source>Salinan awal</source>
        <translation>Initial copy</translation>
    </message>
    <message>
        <source>Saudara</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Seri kartu</source>
        <translation>Card serial</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Status data</source>
        <translation>Record status</translation>
    </message>
    <message>
        <source>Status iuran</source>
        <translation>Contribution status</translation>
    </message>
    <message>
        <source>Suami</source>
        <translation>Husband</translation>
    </message>
    <message>
        <source>Sumber dana</source>
        <translation>Funding source</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Tanda bukti kolektif</source>
        <translation>Collective receipt</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Terlindungi</source>
        <translation>Covered</translation>
    </message>
    <message>
        <source>Terputus</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>Tertinggal</source>
        <translation>Lagging</translation>
    </message>
    <message>
        <source>Tetap aktif bila membayar sebelum</source>
        <translation>Stays active if paid before</translation>
    </message>
    <message>
        <source>Tidak berjalan</source>
        <translation>Not running</translation>
    </message>
    <message>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Tunggakan</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Waktu daftar</source>
        <translation>Enrolled at</translation>
    </message>
    <message>
        <source>Wilayah penerbitan NIK</source>
        <translation>Region that issued the NIK</translation>
    </message>
    <message>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>ahli waris</source>
        <translation>heirs</translation>
    </message>
    <message>
        <source>bulan dibayar</source>
        <translation>months paid</translation>
    </message>
    <message>
        <source>cetak ulang kartu</source>
        <translation>card reprints</translation>
    </message>
    <message>
        <source>duplikat, digabung</source>
        <translation>duplicate, merged</translation>
    </message>
    <message>
        <source>isi koreksi</source>
        <translation>correction changes</translation>
    </message>
    <message>
        <source>jadwal iuran</source>
        <translation>contribution schedules</translation>
    </message>
    <message>
        <source>kartu</source>
        <translation>cards</translation>
    </message>
    <message>
        <source>koreksi</source>
        <translation>corrections</translation>
    </message>
    <message>
        <source>membatalkan pembayaran</source>
        <translation>void payments</translation>
    </message>
    <message>
        <source>membuka data lengkap peserta</source>
        <translation>open a member&apos;s full record</translation>
    </message>
    <message>
        <source>memeriksa kartu</source>
        <translation>verify cards</translation>
    </message>
    <message>
        <source>mencari peserta</source>
        <translation>search members</translation>
    </message>
    <message>
        <source>mencatat pembayaran iuran</source>
        <translation>record contribution payments</translation>
    </message>
    <message>
        <source>mencetak kartu dan tanda terima</source>
        <translation>print cards and receipts</translation>
    </message>
    <message>
        <source>mendaftarkan peserta</source>
        <translation>enrol members</translation>
    </message>
    <message>
        <source>mengajukan koreksi data</source>
        <translation>propose data corrections</translation>
    </message>
    <message>
        <source>mengajukan mutasi peserta ke cabang lain</source>
        <translation>send a member to another branch</translation>
    </message>
    <message>
        <source>mengekspor NIK lengkap</source>
        <translation>export full NIKs</translation>
    </message>
    <message>
        <source>mengekspor data</source>
        <translation>export data</translation>
    </message>
    <message>
        <source>mengelola akun petugas</source>
        <translation>manage officer accounts</translation>
    </message>
    <message>
        <source>mengelola replikasi wilayah (Kanwil)</source>
        <translation>manage the region&apos;s replication (regional office)</translation>
    </message>
    <message>
        <source>mengubah pengaturan, kunci dan basis data cabang</source>
        <translation>change the branch&apos;s settings, keys and database</translation>
    </message>
    <message>
        <source>meninggal dunia</source>
        <translation>died</translation>
    </message>
    <message>
        <source>menutup hari dan membuka ringkasan cabang</source>
        <translation>close the day and open the branch summary</translation>
    </message>
    <message>
        <source>menyetujui atau menolak permintaan</source>
        <translation>approve or reject requests</translation>
    </message>
    <message>
        <source>mutasi</source>
        <translation>transfers</translation>
    </message>
    <message>
        <source>pembayaran</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>pendaftaran</source>
        <translation>enrolments</translation>
    </message>
    <message>
        <source>penonaktifan</source>
        <translation>deactivations</translation>
    </message>
    <message>
        <source>peristiwa audit</source>
        <translation>audit events</translation>
    </message>
    <message>
        <source>peserta</source>
        <translation>members</translation>
    </message>
    <message>
        <source>petugas</source>
        <translation>officers</translation>
    </message>
    <message>
        <source>pindah ke luar negeri</source>
        <translation>moved abroad</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Loket terkunci</source>
        <translation>Loket locked</translation>
    </message>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Terkunci karena tidak ada aktivitas. Masukkan kata sandi {full_name} untuk melanjutkan.</source>
        <translation>Locked after a period without activity. Enter {full_name}&apos;s password to continue.</translation>
    </message>
    <message>
        <source>Layar dikunci oleh petugas {full_name}. Masukkan kata sandinya untuk melanjutkan.</source>
        <translation>Screen locked by officer {full_name}. Enter their password to continue.</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Ganti petugas</source>
        <translation>Switch officer</translation>
    </message>
    <message>
        <source>Keluar dari Loket</source>
        <translation>Quit Loket</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Loket — Masuk</source>
        <translation>Loket — Log in</translation>
    </message>
    <message>
        <source>Loket Pendaftaran</source>
        <translation>Enrolment Counter</translation>
    </message>
    <message>
        <source>Membuka basis data…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Menunggu basis data…</source>
        <translation>Waiting for the database…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loket — {code} {name}</source>
        <translation>Loket — {code} {name}</translation>
    </message>
    <message>
        <source>Navigasi halaman</source>
        <translation>Page navigation</translation>
    </message>
    <message>
        <source>&amp;Loket</source>
        <translation>&amp;Loket</translation>
    </message>
    <message>
        <source>Ganti petugas / keluar akun…</source>
        <translation>Switch officer / log out…</translation>
    </message>
    <message>
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Bantuan: daftar pintasan</source>
        <translation>Help: list of shortcuts</translation>
    </message>
    <message>
        <source>Tutup Loket</source>
        <translation>Quit Loket</translation>
    </message>
    <message>
        <source>Kata sandi salah.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <source>Petugas: {full_name} ({role})</source>
        <translation>Officer: {full_name} ({role})</translation>
    </message>
    <message>
        <source>Cabang {code} {name}</source>
        <translation>Branch {code} {name}</translation>
    </message>
    <message>
        <source>● Tersambung</source>
        <translation>● Connected</translation>
    </message>
    <message>
        <source>● Basis data tidak terjangkau</source>
        <translation>● Database unreachable</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>(tanpa judul)</source>
        <translation>(no heading)</translation>
    </message>
    <message>
        <source>Pilih untuk setiap kolom berkas kunci rekaman yang diisinya; kolom yang tidak diperlukan diabaikan. Kunci bertanda * wajib ada.</source>
        <translation>For each column of the file, choose the record key it fills; columns not needed are ignored. Keys marked * are required.</translation>
    </message>
    <message>
        <source>Kolom wajib</source>
        <translation>Required fields</translation>
    </message>
    <message>
        <source>Simpan pemetaan untuk berikutnya</source>
        <translation>Save the mapping for next time</translation>
    </message>
    <message>
        <source>Berkas berikutnya dengan judul kolom yang sama langsung memakai pemetaan ini. Impor yang tersimpan selalu mengingat pemetaannya.</source>
        <translation>The next file with the same column headings uses this mapping straight away. A saved import always remembers its mapping.</translation>
    </message>
    <message>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Judul di berkas</source>
        <translation>Heading in the file</translation>
    </message>
    <message>
        <source>Contoh isi</source>
        <translation>Sample value</translation>
    </message>
    <message>
        <source>Dipakai sebagai</source>
        <translation>Used as</translation>
    </message>
    <message>
        <source>Kolom {letter} {header}: dipakai sebagai</source>
        <translation>Column {letter} {header}: used as</translation>
    </message>
    <message>
        <source>Kolom tanpa judul selalu diabaikan.</source>
        <translation>Columns without a heading are always ignored.</translation>
    </message>
    <message>
        <source>{field} dipilih untuk beberapa kolom ({cols}). Pilih satu, abaikan yang lain.</source>
        <translation>{field} is chosen for several columns ({cols}). Choose one and ignore the others.</translation>
    </message>
    <message>
        <source>Belum dipetakan: {fields}.</source>
        <translation>Not mapped yet: {fields}.</translation>
    </message>
    <message>
        <source>✓ {field} — kolom {cols}</source>
        <translation>✓ {field} — column {cols}</translation>
    </message>
    <message>
        <source>✗ {field} — belum</source>
        <translation>✗ {field} — not yet</translation>
    </message>
</context>
<context>
    <name>MemberCorrectionDialog</name>
    <message>
        <source>NIK (16 digit)</source>
        <translation>NIK (16 digits)</translation>
    </message>
    <message>
        <source>Nama lengkap (sesuai KTP)</source>
        <translation>Full name (as on the KTP)</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Tanggal lahir (HH-BB-TTTT)</source>
        <translation>Date of birth (DD-MM-YYYY)</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Alamat (jalan, RT/RW)</source>
        <translation>Address (street, RT/RW)</translation>
    </message>
    <message>
        <source>Ajukan koreksi data</source>
        <translation>Propose a data correction</translation>
    </message>
    <message>
        <source>{nama} · {number}
Ubah kolom yang salah sesuai KTP/KK, lalu tulis alasannya. Data berubah setelah disetujui supervisor; data lama tetap tercatat di riwayat.</source>
        <translation>{nama} · {number}
Change the wrong fields to match the KTP/family card, then write the reason. The data changes once a supervisor approves; the old data stays in the history.</translation>
    </message>
    <message>
        <source>Ajukan koreksi  (Ctrl+Enter)</source>
        <translation>Propose correction  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>L — Laki-laki</source>
        <translation>L — Male</translation>
    </message>
    <message>
        <source>P — Perempuan</source>
        <translation>P — Female</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Alasan koreksi (dokumen yang dilihat)</source>
        <translation>Reason for the correction (document seen)</translation>
    </message>
    <message>
        <source>Sudah dicek dengan KTP: tanggal lahir/jenis kelamin memang berbeda dengan NIK</source>
        <translation>Checked against the KTP: date of birth/sex really differ from the NIK</translation>
    </message>
    <message>
        <source>Belum ada kolom yang diubah.</source>
        <translation>No field has been changed.</translation>
    </message>
    <message>
        <source>Tulis alasan koreksi (minimal 5 karakter).</source>
        <translation>Write the reason for the correction (at least 5 characters).</translation>
    </message>
</context>
<context>
    <name>MemberDeactivateDialog</name>
    <message>
        <source>Meninggal dunia</source>
        <translation>Died</translation>
    </message>
    <message>
        <source>Pindah ke luar negeri</source>
        <translation>Moved abroad</translation>
    </message>
    <message>
        <source>Duplikat — gabungkan ke nomor peserta lain</source>
        <translation>Duplicate — merge into another membership number</translation>
    </message>
    <message>
        <source>Nonaktifkan peserta</source>
        <translation>Deactivate member</translation>
    </message>
    <message>
        <source>{nama} · {number}
Nomor ini tidak dapat dipakai untuk iuran atau kartu lagi. Tindakan ini tercatat di riwayat.</source>
        <translation>{nama} · {number}
This number can no longer be used for contributions or cards. This action is recorded in the history.</translation>
    </message>
    <message>
        <source>Nonaktifkan  (Ctrl+Enter)</source>
        <translation>Deactivate  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Nomor peserta tujuan (yang tetap dipakai)</source>
        <translation>Target membership number (the one kept)</translation>
    </message>
    <message>
        <source>11 digit, mis. 101 0000 002 6</source>
        <translation>11 digits, e.g. 101 0000 002 6</translation>
    </message>
    <message>
        <source>Catatan (mis. nomor akta kematian)</source>
        <translation>Note (e.g. death certificate number)</translation>
    </message>
    <message>
        <source>Kata sandi {username} (konfirmasi)</source>
        <translation>Password of {username} (confirmation)</translation>
    </message>
    <message>
        <source>Pilih alasannya.</source>
        <translation>Choose the reason.</translation>
    </message>
    <message>
        <source>Isi nomor peserta yang tetap dipakai.</source>
        <translation>Fill in the membership number that is kept.</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda.</source>
        <translation>Enter your password.</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Batal  (Esc)</source>
        <translation>Cancel  (Esc)</translation>
    </message>
</context>
<context>
    <name>MemberPage</name>
    <message>
        <source>Data Peserta</source>
        <translation>Member Record</translation>
    </message>
    <message>
        <source>bayar iuran</source>
        <translation>pay contributions</translation>
    </message>
    <message>
        <source>cetak kartu</source>
        <translation>print the card</translation>
    </message>
    <message>
        <source>ajukan koreksi data</source>
        <translation>propose a correction</translation>
    </message>
    <message>
        <source>Buka nomor peserta / NIK:</source>
        <translation>Open membership number / NIK:</translation>
    </message>
    <message>
        <source>Buka nomor peserta atau NIK</source>
        <translation>Open a membership number or NIK</translation>
    </message>
    <message>
        <source>Belum ada peserta yang dibuka.

Tekan F3 untuk mencari peserta, atau ketik nomor peserta / NIK di kanan atas lalu Enter.</source>
        <translation>No member is open yet.

Press F3 to search for a member, or type a membership number / NIK at the top right, then Enter.</translation>
    </message>
    <message>
        <source>&amp;Data diri</source>
        <translation>&amp;Personal data</translation>
    </message>
    <message>
        <source>&amp;Iuran</source>
        <translation>&amp;Contributions</translation>
    </message>
    <message>
        <source>&amp;Kartu &amp;&amp; tanda terima</source>
        <translation>C&amp;ards &amp;&amp; receipts</translation>
    </message>
    <message>
        <source>&amp;Riwayat</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>Bayar iuran  (Ctrl+B)</source>
        <translation>Pay contributions  (Ctrl+B)</translation>
    </message>
    <message>
        <source>Cetak kartu  (Ctrl+P)</source>
        <translation>Print card  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Ajukan koreksi  (Ctrl+E)</source>
        <translation>Propose correction  (Ctrl+E)</translation>
    </message>
    <message>
        <source>Nonaktifkan…</source>
        <translation>Deactivate…</translation>
    </message>
    <message>
        <source>Identitas</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tempat, tgl lahir</source>
        <translation>Place, date of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>Wilayah NIK</source>
        <translation>NIK region</translation>
    </message>
    <message>
        <source>Kepesertaan</source>
        <translation>Membership</translation>
    </message>
    <message>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Penghasilan</source>
        <translation>Income</translation>
    </message>
    <message>
        <source>Sumber dana · kanal</source>
        <translation>Funding source · channel</translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <source>Koreksi menunggu persetujuan</source>
        <translation>Correction awaiting approval</translation>
    </message>
    <message>
        <source>No. tanda bukti</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Daftar pembayaran iuran</source>
        <translation>List of contribution payments</translation>
    </message>
    <message>
        <source>Cetak ulang tanda bukti (A5)</source>
        <translation>Reprint receipt (A5)</translation>
    </message>
    <message>
        <source>Struk 80 mm</source>
        <translation>80 mm slip</translation>
    </message>
    <message>
        <source>Jadwal bayar…</source>
        <translation>Payment schedule…</translation>
    </message>
    <message>
        <source>Batalkan pembayaran…</source>
        <translation>Void payment…</translation>
    </message>
    <message>
        <source>Seri kartu</source>
        <translation>Card serial</translation>
    </message>
    <message>
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source> (disetujui {approved_by})</source>
        <translation> (approved by {approved_by})</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Daftar kartu peserta</source>
        <translation>List of membership cards</translation>
    </message>
    <message>
        <source>Cetak kartu</source>
        <translation>Print card</translation>
    </message>
    <message>
        <source>Cetak ulang…</source>
        <translation>Reprint…</translation>
    </message>
    <message>
        <source>Catat rusak cetak…</source>
        <translation>Record spoiled print…</translation>
    </message>
    <message>
        <source>Tanda terima pendaftaran (A5)</source>
        <translation>Enrolment receipt (A5)</translation>
    </message>
    <message>
        <source>Tanda terima 80 mm</source>
        <translation>80 mm receipt</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Kejadian</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Riwayat perubahan</source>
        <translation>History of changes</translation>
    </message>
    <message>
        <source>Setiap perubahan dan setiap pembukaan data lengkap tercatat di jejak audit.</source>
        <translation>Every change and every opening of the full record is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>Memuat data peserta…</source>
        <translation>Loading the member record…</translation>
    </message>
    <message>
        <source>peserta sejak {since}</source>
        <translation>member since {since}</translation>
    </message>
    <message>
        <source>Iuran: {status_label}</source>
        <translation>Contributions: {status_label}</translation>
    </message>
    <message>
        <source> per bulan</source>
        <translation> per month</translation>
    </message>
    <message>
        <source> · NPP {npp}</source>
        <translation> · NPP {npp}</translation>
    </message>
    <message>
        <source>{enrolled_at} oleh {officer} ({counter})</source>
        <translation>{enrolled_at} by {officer} ({counter})</translation>
    </message>
    <message>
        <source>#{id} oleh {proposed_by}: </source>
        <translation>#{id} by {proposed_by}: </translation>
    </message>
    <message>
        <source>Permintaan cetak ulang #{id} ({reason}) oleh {requested_by} menunggu persetujuan supervisor (halaman Persetujuan).</source>
        <translation>Reprint request #{id} ({reason}) by {requested_by} is waiting for a supervisor&apos;s approval (Approvals page).</translation>
    </message>
    <message>
        <source>Peserta ini nonaktif: {reason}.</source>
        <translation>This member is inactive: {reason}.</translation>
    </message>
    <message>
        <source>Peserta ini nonaktif.</source>
        <translation>This member is inactive.</translation>
    </message>
    <message>
        <source>Nomor lama yang digabung ke peserta ini: {numbers}</source>
        <translation>Old numbers merged into this member: {numbers}</translation>
    </message>
    <message>
        <source>Jadwal bayar disimpan: {schedule}.</source>
        <translation>Payment schedule saved: {schedule}.</translation>
    </message>
    <message>
        <source>Koreksi {ref} diajukan; data berubah setelah disetujui supervisor.</source>
        <translation>Correction {ref} proposed; the data changes once a supervisor approves.</translation>
    </message>
    <message>
        <source>Iuran {money} dibayar ({method}), {months}: {span}.</source>
        <translation>Contribution {money} paid ({method}), {months}: {span}.</translation>
    </message>
    <message>
        <source>Pembayaran {money} dibatalkan: {reason}</source>
        <translation>Payment of {money} voided: {reason}</translation>
    </message>
    <message>
        <source>Kartu baru dicetak (urutan {seq}) menggantikan seri {serial}.</source>
        <translation>New card printed (sequence {seq}) replacing serial {serial}.</translation>
    </message>
    <message>
        <source>Kartu dicetak (urutan {seq}).</source>
        <translation>Card printed (sequence {seq}).</translation>
    </message>
    <message>
        <source>Kartu dicabut ({reason}).</source>
        <translation>Card revoked ({reason}).</translation>
    </message>
    <message>
        <source>Kartu rusak cetak: {reason}</source>
        <translation>Card spoiled in printing: {reason}</translation>
    </message>
    <message>
        <source>Cetak ulang kartu {serial} diminta ({reason}).</source>
        <translation>Reprint of card {serial} requested ({reason}).</translation>
    </message>
    <message>
        <source>Cetak ulang disetujui: {old} → {new}.</source>
        <translation>Reprint approved: {old} → {new}.</translation>
    </message>
    <message>
        <source>Tanda terima pendaftaran dicetak (cetakan ke-{copy}).</source>
        <translation>Enrolment receipt printed (copy {copy}).</translation>
    </message>
    <message>
        <source>Pola bayar diubah: {schedule}.</source>
        <translation>Payment pattern changed: {schedule}.</translation>
    </message>
    <message>
        <source>&amp;Iuran ({payments})</source>
        <translation>&amp;Contributions ({payments})</translation>
    </message>
    <message>
        <source>&amp;Kartu &amp;&amp; tanda terima ({cards})</source>
        <translation>C&amp;ards &amp;&amp; receipts ({cards})</translation>
    </message>
    <message>
        <source>Nomor ini sudah digabung ke {merged_into}. Iuran, kartu dan koreksi dilakukan pada nomor tujuan.</source>
        <translation>This number is merged into {merged_into}. Contributions, cards and corrections are done on that number.</translation>
    </message>
    <message>
        <source>Buka {merged_into}</source>
        <translation>Open {merged_into}</translation>
    </message>
    <message>
        <source>Dibatalkan ({voided_by})</source>
        <translation>Voided ({voided_by})</translation>
    </message>
    <message>
        <source>Sah</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source> · saat daftar</source>
        <translation> · at enrolment</translation>
    </message>
    <message>
        <source>Dibatalkan {voided_at} oleh {voided_by}: {void_reason}</source>
        <translation>Voided {voided_at} by {voided_by}: {void_reason}</translation>
    </message>
    <message>
        <source>Diterima oleh {officer_name} ({counter})</source>
        <translation>Received by {officer_name} ({counter})</translation>
    </message>
    <message>
        <source>Pembayaran {total} untuk {period} diterima. Tanda bukti {receipt_no}.</source>
        <translation>Payment of {total} for {period} received. Receipt {receipt_no}.</translation>
    </message>
    <message>
        <source>Tanda bukti iuran {receipt_no}</source>
        <translation>Contribution receipt {receipt_no}</translation>
    </message>
    <message>
        <source>Pilih dulu pembayaran di tabel.</source>
        <translation>Select a payment in the table first.</translation>
    </message>
    <message>
        <source>Batalkan pembayaran</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>Tanda bukti {receipt_no} · {total} · {period}
Pembayaran tidak dihapus: ditandai DIBATALKAN dengan alasan, dan bulannya dapat dibayar lagi.</source>
        <translation>Receipt {receipt_no} · {total} · {period}
The payment is not deleted: it is marked VOID with the reason, and its months can be paid again.</translation>
    </message>
    <message>
        <source>Batalkan pembayaran  (Enter)</source>
        <translation>Void payment  (Enter)</translation>
    </message>
    <message>
        <source>Alasan pembatalan</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <source>Pembayaran {receipt_no} ({total}) dibatalkan.</source>
        <translation>Payment {receipt_no} ({total}) voided.</translation>
    </message>
    <message>
        <source>Kartu seri {serial} masih berlaku. Untuk kartu hilang/rusak pilih Cetak ulang (perlu persetujuan supervisor).</source>
        <translation>Card serial {serial} is still valid. For a lost/damaged card choose Reprint (needs a supervisor&apos;s approval).</translation>
    </message>
    <message>
        <source>Kartu seri {serial} tercatat. Cetak dari pratinjau (Ctrl+P).</source>
        <translation>Card serial {serial} recorded. Print it from the preview (Ctrl+P).</translation>
    </message>
    <message>
        <source>Kartu peserta {serial}</source>
        <translation>Membership card {serial}</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang #{id} diajukan; menunggu persetujuan supervisor.</source>
        <translation>Reprint request #{id} submitted; waiting for a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Cetak ulang disetujui. Kartu baru seri {serial}; kartu lama dicabut.</source>
        <translation>Reprint approved. New card serial {serial}; the old card is revoked.</translation>
    </message>
    <message>
        <source>Catat rusak cetak</source>
        <translation>Record spoiled print</translation>
    </message>
    <message>
        <source>Kartu seri {serial}. Hanya pada hari kartu dicetak (printer macet, salah cetak). Seri ini tidak berlaku lagi; setelah itu cetak kartu baru.</source>
        <translation>Card serial {serial}. Only on the day the card was printed (printer jam, misprint). This serial becomes void; then print a new card.</translation>
    </message>
    <message>
        <source>Catat rusak cetak  (Enter)</source>
        <translation>Record spoiled print  (Enter)</translation>
    </message>
    <message>
        <source>Apa yang terjadi</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Kartu seri {serial} dicatat rusak cetak.</source>
        <translation>Card serial {serial} recorded as a spoiled print.</translation>
    </message>
    <message>
        <source>Tanda terima pendaftaran {receipt_id}</source>
        <translation>Enrolment receipt {receipt_id}</translation>
    </message>
    <message>
        <source> dan digabung ke {merged_into}</source>
        <translation> and merged into {merged_into}</translation>
    </message>
    <message>
        <source>Peserta {number} dinonaktifkan{into}.</source>
        <translation>Member {number} deactivated{into}.</translation>
    </message>
    <message>
        <source>{first} s.d. {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>Permintaan cetak ulang ditolak.</source>
        <translation>Reprint request rejected.</translation>
    </message>
    <message>
        <source>Ditampilkan sebagai kemungkinan duplikat saat pendaftaran.</source>
        <translation>Shown as a possible duplicate during an enrolment.</translation>
    </message>
</context>
<context>
    <name>MemberPaymentDialog</name>
    <message>
        <source>A5 (lembar)</source>
        <translation>A5 (sheet)</translation>
    </message>
    <message>
        <source>Struk 80 mm</source>
        <translation>80 mm slip</translation>
    </message>
    <message>
        <source>Mulai {label} (bulan pertama yang belum dibayar).</source>
        <translation>From {label} (the first unpaid month).</translation>
    </message>
    <message>
        <source>Mulai bulan pertama yang belum dibayar.</source>
        <translation>From the first unpaid month.</translation>
    </message>
    <message>
        <source>Bayar iuran</source>
        <translation>Pay contributions</translation>
    </message>
    <message>
        <source>Terima pembayaran  (Enter)</source>
        <translation>Take payment  (Enter)</translation>
    </message>
    <message>
        <source>Ya, catat pembayaran  (Enter)</source>
        <translation>Yes, record the payment  (Enter)</translation>
    </message>
    <message>
        <source>Sesuai jadwal: {period}</source>
        <translation>As scheduled: {period}</translation>
    </message>
    <message>
        <source>Lainnya…</source>
        <translation>Other…</translation>
    </message>
    <message>
        <source> bulan</source>
        <translation> months</translation>
    </message>
    <message>
        <source>Jumlah bulan</source>
        <translation>Number of months</translation>
    </message>
    <message>
        <source>Jumlah lain (Lainnya…)</source>
        <translation>Other number (Other…)</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Nomor referensi</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>Nomor transfer, SP2D, atau surat pemberi kerja</source>
        <translation>Transfer number, SP2D, or employer&apos;s letter</translation>
    </message>
    <message>
        <source>Tanda bukti</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Rincian iuran</source>
        <translation>Contribution details</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Dasar / tarif</source>
        <translation>Base / rate</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>Potongan</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Total dibayar</source>
        <translation>Total paid</translation>
    </message>
    <message>
        <source>{period} · {months}</source>
        <translation>{period} · {months}</translation>
    </message>
    <message>
        <source>Denda keterlambatan (pemberi kerja)</source>
        <translation>Late fine (employer)</translation>
    </message>
    <message>
        <source>{rate} × sampai {months}</source>
        <translation>{rate} × up to {months}</translation>
    </message>
    <message>
        <source>Isi nomor referensi pembayaran.</source>
        <translation>Fill in the payment reference number.</translation>
    </message>
</context>
<context>
    <name>MemberReasonDialog</name>
    <message>
        <source>Kata sandi {username} (konfirmasi)</source>
        <translation>Password of {username} (confirmation)</translation>
    </message>
    <message>
        <source>Tulis alasannya (minimal {n} karakter).</source>
        <translation>Write the reason (at least {n} characters).</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda.</source>
        <translation>Enter your password.</translation>
    </message>
</context>
<context>
    <name>MemberReprintDialog</name>
    <message>
        <source>Cetak ulang kartu</source>
        <translation>Reprint card</translation>
    </message>
    <message>
        <source>{name} · {number}
Kartu seri {serial} akan dicabut dan tidak berlaku lagi; kartu baru mendapat seri baru.</source>
        <translation>{name} · {number}
Card serial {serial} will be revoked and become void; the new card gets a new serial.</translation>
    </message>
    <message>
        <source>Setujui &amp;&amp; cetak  (Ctrl+Enter)</source>
        <translation>Approve &amp;&amp; print  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Alasan cetak ulang</source>
        <translation>Reason for the reprint</translation>
    </message>
    <message>
        <source>Catatan (mis. nomor laporan kehilangan)</source>
        <translation>Note (e.g. loss report number)</translation>
    </message>
    <message>
        <source>Persetujuan supervisor di loket</source>
        <translation>Supervisor&apos;s approval at the counter</translation>
    </message>
    <message>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor&apos;s username</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>Tidak ada supervisor di loket? Pilih «Ajukan saja»: permintaan menunggu di halaman Persetujuan, lalu kartu baru dicetak setelah disetujui.</source>
        <translation>No supervisor at the counter? Choose «Request only»: the request waits on the Approvals page, and the new card is printed once approved.</translation>
    </message>
    <message>
        <source>Ajukan saja  (Alt+A)</source>
        <translation>Request only  (Alt+A)</translation>
    </message>
    <message>
        <source>Isi nama pengguna supervisor.</source>
        <translation>Fill in the supervisor&apos;s username.</translation>
    </message>
    <message>
        <source>Supervisor memasukkan kata sandinya.</source>
        <translation>The supervisor enters their password.</translation>
    </message>
</context>
<context>
    <name>MemberScheduleDialog</name>
    <message>
        <source>Jadwal bayar iuran</source>
        <translation>Contribution payment schedule</translation>
    </message>
    <message>
        <source>{name} · {number}
Bayar saat panen: pada setiap bulan panen peserta membayar di muka sampai panen berikutnya, sehingga perlindungan tetap bersambung.</source>
        <translation>{name} · {number}
Paying at harvest: in each harvest month the member pays ahead until the next harvest, so the protection stays unbroken.</translation>
    </message>
    <message>
        <source>Simpan jadwal  (Enter)</source>
        <translation>Save schedule  (Enter)</translation>
    </message>
    <message>
        <source>Bulanan</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>Saat panen, pada bulan:</source>
        <translation>At harvest, in the months:</translation>
    </message>
    <message>
        <source>Jadwal</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Alasan (wajib bila pekerjaan bukan pekerjaan musiman)</source>
        <translation>Reason (required when the work is not seasonal)</translation>
    </message>
    <message>
        <source>Pilih minimal satu bulan panen.</source>
        <translation>Choose at least one harvest month.</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Belum sampai ke cabang</source>
        <translation>Not yet at the branch</translation>
    </message>
    <message>
        <source>Buat paket untuk cabang…  (Ctrl+E)</source>
        <translation>Make a package for the branch…  (Ctrl+E)</translation>
    </message>
    <message>
        <source>Impor balasan cabang…  (Ctrl+I)</source>
        <translation>Import the branch&apos;s answer…  (Ctrl+I)</translation>
    </message>
    <message>
        <source>Balasan cabang diimpor oleh supervisor laptop ini.</source>
        <translation>The branch&apos;s answer is imported by this laptop&apos;s supervisor.</translation>
    </message>
    <message>
        <source>{n} {what}</source>
        <translation>{n} {what}</translation>
    </message>
    <message>
        <source>Semua sudah sampai di cabang.</source>
        <translation>Everything has reached the branch.</translation>
    </message>
    <message>
        <source>Belum sampai ke cabang: {total} rekaman</source>
        <translation>Not yet at the branch: {total} records</translation>
    </message>
    <message>
        <source>  ({events} peristiwa audit)</source>
        <translation>  ({events} audit events)</translation>
    </message>
    <message>
        <source>Menunggu keputusan supervisor cabang: {numbers}</source>
        <translation>Waiting for the branch supervisor&apos;s decision: {numbers}</translation>
    </message>
    <message>
        <source>Simpan paket untuk cabang</source>
        <translation>Save the package for the branch</translation>
    </message>
    <message>
        <source>Paket Loket (*.lpkg)</source>
        <translation>Loket package (*.lpkg)</translation>
    </message>
    <message>
        <source>Paket disimpan: {path} — {members} peserta, {payments} pembayaran, {corrections} koreksi, {deactivations} penonaktifan. Bawa ke cabang; kotak keluar kosong setelah balasannya diimpor.</source>
        <translation>Package saved: {path} — {members} members, {payments} payments, {corrections} corrections, {deactivations} deactivations. Take it to the branch; the outbox empties once its answer is imported.</translation>
    </message>
    <message>
        <source>Membuat paket…</source>
        <translation>Making the package…</translation>
    </message>
    <message>
        <source>Pilih balasan cabang</source>
        <translation>Choose the branch&apos;s answer</translation>
    </message>
    <message>
        <source>Balasan cabang (*.lbal);;Semua berkas (*)</source>
        <translation>Branch answer (*.lbal);;All files (*)</translation>
    </message>
    <message>
        <source>Impor balasan cabang</source>
        <translation>Import the branch&apos;s answer</translation>
    </message>
    <message>
        <source>{name}
Balasan cabang memberi tahu apa yang sudah sampai (kotak keluar dikosongkan) dan membawa perubahan cabang atas peserta laptop ini.</source>
        <translation>{name}
The branch&apos;s answer says what has arrived (the outbox is emptied) and brings the branch&apos;s changes to this laptop&apos;s members.</translation>
    </message>
    <message>
        <source>Impor  (Enter)</source>
        <translation>Import  (Enter)</translation>
    </message>
    <message>
        <source>Balasan ini sudah pernah diimpor; tidak ada yang berubah.</source>
        <translation>This answer was already imported; nothing changed.</translation>
    </message>
    <message>
        <source>Balasan cabang diimpor: {acknowledged} rekaman sudah sampai, {updated} peserta diperbarui cabang.</source>
        <translation>Branch answer imported: {acknowledged} records have arrived, {updated} members updated by the branch.</translation>
    </message>
</context>
<context>
    <name>OutreachDialog</name>
    <message>
        <source>Daftar bayar saat panen</source>
        <translation>Harvest payment list</translation>
    </message>
    <message>
        <source>Peserta dengan jadwal bayar saat panen yang pembayarannya jatuh tempo pada bulan ini (atau masih terutang), dengan jumlahnya: untuk menyiapkan kegiatan Masuk Desa.</source>
        <translation>Members who pay at harvest whose payment falls due this month (or is still owed), with the amounts: for planning a village outreach day.</translation>
    </message>
    <message>
        <source>Bulan (BB-TTTT)</source>
        <translation>Month (MM-YYYY)</translation>
    </message>
    <message>
        <source>Kode wilayah (boleh kosong)</source>
        <translation>Region code (optional)</translation>
    </message>
    <message>
        <source>kecamatan atau desa, mis. 16.10.01</source>
        <translation>district or village, e.g. 16.10.01</translation>
    </message>
    <message>
        <source>Tampilkan PDF  (Enter)</source>
        <translation>Show PDF  (Enter)</translation>
    </message>
    <message>
        <source>Simpan XLSX…</source>
        <translation>Save XLSX…</translation>
    </message>
    <message>
        <source>Tutup  (Esc)</source>
        <translation>Close  (Esc)</translation>
    </message>
    <message>
        <source>Simpan daftar</source>
        <translation>Save list</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>{count} peserta, jumlah {total}.</source>
        <translation>{count} members, {total} in all.</translation>
    </message>
    <message>
        <source>Disimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Daftar bayar saat panen {month}</source>
        <translation>Harvest payment list {month}</translation>
    </message>
</context>
<context>
    <name>OutreachPage</name>
    <message>
        <source>Jemput Bola</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <source>laptop: buat paket untuk cabang; cabang: buat balasan</source>
        <translation>laptop: make a package for the branch; branch: write an answer</translation>
    </message>
    <message>
        <source>laptop: impor balasan cabang; cabang: impor paket laptop</source>
        <translation>laptop: import the branch&apos;s answer; branch: import a laptop package</translation>
    </message>
    <message>
        <source>putuskan konflik yang dipilih (gabungkan per kolom)</source>
        <translation>decide the chosen conflict (merge field by field)</translation>
    </message>
    <message>
        <source>Laptop jemput bola dan cabangnya saling mengirim berkas bertanda tangan: paket laptop membawa pendaftaran, pembayaran, kartu, koreksi dan penonaktifan ke cabang; balasan cabang memberi tahu apa yang sudah sampai dan membawa perubahan cabang kembali ke laptop.</source>
        <translation>An outreach laptop and its branch exchange signed files: the laptop&apos;s package brings enrolments, payments, cards, corrections and deactivations to the branch; the branch&apos;s answer says what has arrived and brings the branch&apos;s changes back to the laptop.</translation>
    </message>
    <message>
        <source>Cabang {code}: paket dari laptop jemput bola diimpor di sini, dan balasannya dibuat untuk laptop itu.</source>
        <translation>Branch {code}: outreach laptops&apos; packages are imported here, and their answers written for those laptops.</translation>
    </message>
</context>
<context>
    <name>OutreachTab</name>
    <message>
        <source>Untuk laptop jemput bola: isi kode cabang induknya. Laptop memperingatkan setelah beberapa hari tanpa sinkron (balasan cabang diimpor), lalu menolak pendaftaran baru sampai sinkron lagi, seperti klien registrasi MOSIP. Kosongkan kode di basis data cabang.</source>
        <translation>For an outreach laptop: enter its home branch&apos;s code. The laptop warns after some days without a sync (a branch answer imported), then refuses new enrolments until it syncs again, as MOSIP&apos;s registration client does. Leave the code empty on a branch database.</translation>
    </message>
    <message>
        <source>mis. 101 (kosong: bukan laptop)</source>
        <translation>e.g. 101 (empty: not a laptop)</translation>
    </message>
    <message>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>&amp;Cabang induk:</source>
        <translation>&amp;Home branch:</translation>
    </message>
    <message>
        <source>&amp;Peringatan setelah:</source>
        <translation>&amp;Warn after:</translation>
    </message>
    <message>
        <source>Pendaftaran &amp;ditolak setelah:</source>
        <translation>&amp;Refuse enrolments after:</translation>
    </message>
    <message>
        <source>&amp;Kata sandi Anda:</source>
        <translation>Your &amp;password:</translation>
    </message>
    <message>
        <source>Simpan pengaturan jemput bola</source>
        <translation>Save the outreach settings</translation>
    </message>
    <message>
        <source>Basis data ini bukan laptop jemput bola.</source>
        <translation>This database is not an outreach laptop.</translation>
    </message>
    <message>
        <source>Laptop jemput bola cabang {home}: peringatan setelah {warn} hari, pendaftaran baru ditolak setelah {freeze} hari tanpa sinkron.</source>
        <translation>Outreach laptop of branch {home}: warns after {warn} days, refuses new enrolments after {freeze} days without a sync.</translation>
    </message>
</context>
<context>
    <name>PackagePasswordDialog</name>
    <message>
        <source>Kata sandi {username} (konfirmasi)</source>
        <translation>{username}&apos;s password (confirmation)</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda.</source>
        <translation>Enter your password.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Printer tidak dapat dibuka.</source>
        <translation>The printer could not be opened.</translation>
    </message>
    <message>
        <source>Ukuran sebenarnya (1:1). Periksa nama dan nomor sebelum mencetak.</source>
        <translation>Actual size (1:1). Check the name and number before printing.</translation>
    </message>
    <message>
        <source>Cetak ke {printer}  (Ctrl+P)</source>
        <translation>Print to {printer}  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cetak  (Ctrl+P)</source>
        <translation>Print  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Simpan PDF…  (Ctrl+S)</source>
        <translation>Save PDF…  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Tutup  (Esc)</source>
        <translation>Close  (Esc)</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Pengodean</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <source>Pemisah</source>
        <translation>Separator</translation>
    </message>
    <message>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Baris judul kolom</source>
        <translation>Heading row</translation>
    </message>
    <message>
        <source>Perkiraan baris data</source>
        <translation>Estimated data rows</translation>
    </message>
    <message>
        <source>Pemetaan kolom</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>Yang terbaca dari berkas</source>
        <translation>What was read from the file</translation>
    </message>
    <message>
        <source>Baris data pertama (paling banyak 10)</source>
        <translation>First data rows (at most 10)</translation>
    </message>
    <message>
        <source>Baris data pertama berkas</source>
        <translation>First data rows of the file</translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <source>Teks berpemisah (CSV)</source>
        <translation>Delimited text (CSV)</translation>
    </message>
    <message>
        <source>— (XLSX)</source>
        <translation>— (XLSX)</translation>
    </message>
    <message>
        <source>  (dari {n} lembar: {sheets})</source>
        <translation>  (of {n} sheets: {sheets})</translation>
    </message>
    <message>
        <source>— (CSV)</source>
        <translation>— (CSV)</translation>
    </message>
    <message>
        <source>baris {header_row}</source>
        <translation>row {header_row}</translation>
    </message>
    <message>
        <source>± {estimated_rows} baris</source>
        <translation>± {estimated_rows} rows</translation>
    </message>
    <message>
        <source>belum diketahui (dihitung saat pemeriksaan)</source>
        <translation>not known yet (counted during the check)</translation>
    </message>
    <message>
        <source>Perlu pemetaan kolom:
• </source>
        <translation>Column mapping needed:
• </translation>
    </message>
    <message>
        <source>Catatan:
• </source>
        <translation>Notes:
• </translation>
    </message>
    <message>
        <source>Kolom wajib belum dikenali: {fields}. Petakan di langkah berikutnya.</source>
        <translation>Required fields not recognised yet: {fields}. Map them in the next step.</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>Kode proyek</source>
        <translation>Project code</translation>
    </message>
    <message>
        <source>Pemilik · kontraktor</source>
        <translation>Owner · contractor</translation>
    </message>
    <message>
        <source>Nilai kontrak</source>
        <translation>Contract value</translation>
    </message>
    <message>
        <source>Masa proyek</source>
        <translation>Project period</translation>
    </message>
    <message>
        <source>Iuran JKK + JKM</source>
        <translation>JKK + JKM contribution</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Pekerja yang terdaftar di proyek</source>
        <translation>The project&apos;s listed workers</translation>
    </message>
    <message>
        <source>Tambah  (Enter)</source>
        <translation>Add  (Enter)</translation>
    </message>
    <message>
        <source>Tambah pekerja</source>
        <translation>Add workers</translation>
    </message>
    <message>
        <source>Nomor peserta pekerja JAKON</source>
        <translation>JAKON worker&apos;s membership number</translation>
    </message>
    <message>
        <source>Beberapa nomor dipisah koma; pemindai kartu bisa dipakai.</source>
        <translation>Separate several numbers with commas; a card scanner works too.</translation>
    </message>
    <message>
        <source>Cara bayar</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Nomor referensi</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>Terima pembayaran  (Ctrl+B)</source>
        <translation>Take payment  (Ctrl+B)</translation>
    </message>
    <message>
        <source>Kertas tanda bukti</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <source>Cetak tanda bukti  (Ctrl+P)</source>
        <translation>Print receipt  (Ctrl+P)</translation>
    </message>
    <message>
        <source> (NPP {npp})</source>
        <translation> (NPP {npp})</translation>
    </message>
    <message>
        <source>{value} sebelum PPN · SPK {date}</source>
        <translation>{value} before VAT · work order {date}</translation>
    </message>
    <message>
        <source>JKK {jkk} + JKM {jkm} = {total}</source>
        <translation>JKK {jkk} + JKM {jkm} = {total}</translation>
    </message>
    <message>
        <source>Pekerja terdaftar: {n}</source>
        <translation>Workers listed: {n}</translation>
    </message>
    <message>
        <source>Daftarkan proyek baru</source>
        <translation>Register a new project</translation>
    </message>
    <message>
        <source>Nama proyek</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>Pemberi kerja (pemilik proyek)</source>
        <translation>Employer (project owner)</translation>
    </message>
    <message>
        <source>Kontraktor (penyedia jasa)</source>
        <translation>Contractor (service provider)</translation>
    </message>
    <message>
        <source>NPP (bila ada)</source>
        <translation>NPP (if any)</translation>
    </message>
    <message>
        <source>Nilai kontrak sebelum PPN (Rp)</source>
        <translation>Contract value before VAT (Rp)</translation>
    </message>
    <message>
        <source>Tanggal SPK</source>
        <translation>SPK date</translation>
    </message>
    <message>
        <source>Bulan mulai</source>
        <translation>First month</translation>
    </message>
    <message>
        <source>Bulan selesai</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Daftarkan proyek  (Ctrl+S)</source>
        <translation>Register project  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Iuran dari nilai kontrak (bertingkat)</source>
        <translation>Contribution on the contract value (by brackets)</translation>
    </message>
    <message>
        <source>Lapisan nilai</source>
        <translation>Bracket</translation>
    </message>
    <message>
        <source>Bagian nilai</source>
        <translation>Portion</translation>
    </message>
    <message>
        <source>Tarif tiap lapisan berlaku pada bagian nilai kontrak di lapisan itu; hasilnya dijumlahkan (PP 44/2015 pasal 54–55).</source>
        <translation>Each bracket&apos;s rate applies to the part of the contract value inside that bracket; the results add up (PP 44/2015 art. 54–55).</translation>
    </message>
    <message>
        <source>Iuran proyek</source>
        <translation>Project contribution</translation>
    </message>
    <message>
        <source>&gt; {amount}</source>
        <translation>&gt; {amount}</translation>
    </message>
    <message>
        <source>≤ {amount}</source>
        <translation>≤ {amount}</translation>
    </message>
    <message>
        <source>Proyek</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>proyek baru (formulir pendaftaran proyek)</source>
        <translation>new project (the registration form)</translation>
    </message>
    <message>
        <source>daftarkan proyek</source>
        <translation>register the project</translation>
    </message>
    <message>
        <source>di formulir: kolom berikutnya; di nomor peserta: tambahkan pekerja</source>
        <translation>in the form: next field; in the membership number: add the workers</translation>
    </message>
    <message>
        <source>terima pembayaran iuran proyek</source>
        <translation>take the project&apos;s contribution</translation>
    </message>
    <message>
        <source>cetak tanda bukti iuran proyek</source>
        <translation>print the project&apos;s receipt</translation>
    </message>
    <message>
        <source>Proyek Konstruksi</source>
        <translation>Construction Projects</translation>
    </message>
    <message>
        <source>Proyek baru  (Ctrl+N)</source>
        <translation>New project  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Untuk proyek yang upah pekerjanya tidak diketahui: JKK dan JKM dihitung dari nilai kontrak (sebelum PPN) secara bertingkat, dan melindungi setiap pekerja JAKON yang terdaftar di bawah proyek selama masa proyek.</source>
        <translation>For projects whose workers&apos; wages are not known: JKK and JKM are computed on the contract value (before VAT) by brackets, and cover every JAKON worker listed under the project for the project period.</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kontraktor</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>Masa</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>JKK + JKM</source>
        <translation>JKK + JKM</translation>
    </message>
    <message>
        <source>Pekerja</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>Daftar proyek konstruksi</source>
        <translation>Construction projects</translation>
    </message>
    <message>
        <source>Proyek {code} terdaftar: iuran {total}.</source>
        <translation>Project {code} registered: contribution {total}.</translation>
    </message>
    <message>
        <source>{n} pekerja ditambahkan ke {code} dan langsung dilindungi sampai {month}.</source>
        <translation>Workers added to {code}: {n}, covered at once until {month}.</translation>
    </message>
    <message>
        <source>{n} pekerja ditambahkan ke {code}.</source>
        <translation>Workers added to {code}: {n}.</translation>
    </message>
    <message>
        <source>Iuran proyek {code} diterima: {total}, tanda bukti {receipt}. {n} pekerja dilindungi {period}.</source>
        <translation>Contribution for project {code} received: {total}, receipt {receipt}. Workers covered {period}: {n}.</translation>
    </message>
    <message>
        <source>Tanda bukti iuran proyek {receipt}</source>
        <translation>Project contribution receipt {receipt}</translation>
    </message>
</context>
<context>
    <name>QuotePanel</name>
    <message>
        <source>Potongan</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Perhitungan iuran</source>
        <translation>Contribution calculation</translation>
    </message>
    <message>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Memuat tabel tarif…</source>
        <translation>Loading the rate table…</translation>
    </message>
    <message>
        <source>Iuran {months}</source>
        <translation>Contribution for {months}</translation>
    </message>
    <message>
        <source>Periode {period}</source>
        <translation>Period {period}</translation>
    </message>
    <message>
        <source> · {per}/bulan</source>
        <translation> · {per}/month</translation>
    </message>
    <message>
        <source>
Dibayar pemberi kerja {employer}
Dibayar pekerja {worker}</source>
        <translation>
Paid by the employer {employer}
Paid by the worker {worker}</translation>
    </message>
    <message>
        <source>Iuran: belum membayar</source>
        <translation>Contribution: not paying now</translation>
    </message>
    <message>
        <source>Peserta belum membayar iuran saat mendaftar.</source>
        <translation>The member pays no contribution at enrolment.</translation>
    </message>
    <message>
        <source>
Iuran per bulan nanti: {per}.</source>
        <translation>
Monthly contribution later: {per}.</translation>
    </message>
</context>
<context>
    <name>RegionDialog</name>
    <message>
        <source>Kata sandi {username} di Kanwil (konfirmasi)</source>
        <translation>{username}&apos;s password at the Kanwil (confirmation)</translation>
    </message>
    <message>
        <source>Masukkan kata sandi Anda.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Tambah cabang ke Kanwil</source>
        <translation>Add a branch to the Kanwil</translation>
    </message>
    <message>
        <source>Kanwil menerbitkan data cabang (publikasi di server cabang), berlangganan kepadanya, lalu mengirim data rujukan (tarif, target, kunci kartu, daftar kartu dicabut) ke cabang. Akun di URL cabang perlu atribut REPLICATION (atau superuser).</source>
        <translation>The Kanwil publishes the branch&apos;s data (a publication on the branch server), subscribes to it, then sends reference data (rates, targets, card keys, revoked cards) to the branch. The account in the branch URL needs the REPLICATION attribute (or superuser).</translation>
    </message>
    <message>
        <source>Sambungkan cabang</source>
        <translation>Connect branch</translation>
    </message>
    <message>
        <source>URL basis data cabang (akun IT)</source>
        <translation>Branch database URL (IT account)</translation>
    </message>
    <message>
        <source>Kabupaten/kota wilayah cabang</source>
        <translation>Regencies/cities of the branch&apos;s area</translation>
    </message>
    <message>
        <source>Kode Kemendagri dipisah koma, mis. 16.10,16.71 (boleh kosong).</source>
        <translation>Kemendagri codes separated by commas, e.g. 16.10,16.71 (may be empty).</translation>
    </message>
    <message>
        <source>Tulis URL server PostgreSQL cabang, mis. postgresql+psycopg://loket@cabang101/loket.</source>
        <translation>Enter the branch&apos;s PostgreSQL server URL, e.g. postgresql+psycopg://loket@cabang101/loket.</translation>
    </message>
    <message>
        <source>Perbaikan yang disarankan: {what}</source>
        <translation>Suggested repair: {what}</translation>
    </message>
    <message>
        <source>Perbaiki cabang {code} {name}</source>
        <translation>Repair branch {code} {name}</translation>
    </message>
    <message>
        <source>Perbaiki</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>Salin ulang seluruh data cabang ke Kanwil</source>
        <translation>Copy all of the branch&apos;s data to the Kanwil again</translation>
    </message>
    <message>
        <source>URL basis data cabang (hanya bila Kanwil tidak lagi menyimpannya)</source>
        <translation>Branch database URL (only when the Kanwil no longer keeps it)</translation>
    </message>
    <message>
        <source>{message}

Data cabang di Kanwil akan disamakan dengan data cabang sekarang (cabang yang menang: datanya sendiri, jejak auditnya ditandatangani kunci cabang). Data yang hilang tidak dibuang: disimpan di Kanwil dan di cabang, dapat diekspor. Penerimaan dicatat di jejak audit Kanwil dan cabang.</source>
        <translation>{message}

The Kanwil&apos;s copy of the branch will be made equal to what the branch holds now (the branch wins: the data is its own, its audit trail is signed with the branch&apos;s key). What was lost is not thrown away: it is kept at the Kanwil and at the branch and can be exported. The acceptance is recorded in the Kanwil&apos;s and the branch&apos;s audit trails.</translation>
    </message>
    <message>
        <source>Terima pemulihan cabang {code} {name}</source>
        <translation>Accept the restore of branch {code} {name}</translation>
    </message>
    <message>
        <source>Terima pemulihan</source>
        <translation>Accept restore</translation>
    </message>
    <message>
        <source>Alasan (masuk jejak audit)</source>
        <translation>Reason (goes into the audit trail)</translation>
    </message>
    <message>
        <source>Mis. server cabang rusak, dipulihkan dari cadangan hari Senin.</source>
        <translation>E.g. the branch server broke down and was restored from Monday&apos;s backup.</translation>
    </message>
    <message>
        <source>Tuliskan alasan menerima pemulihan cabang.</source>
        <translation>Write why you accept the branch&apos;s restore.</translation>
    </message>
</context>
<context>
    <name>RegionPage</name>
    <message>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Setiap cabang mengirim datanya ke basis data Kanwil lewat replikasi PostgreSQL; Kanwil mengirim tarif, target, kunci kartu dan daftar kartu dicabut ke cabang. Di sini tampak keadaannya, dan supervisor Kanwil menambah atau memperbaiki cabang.</source>
        <translation>Every branch sends its data to the Kanwil database through PostgreSQL replication; the Kanwil sends rates, targets, card keys and revoked cards to the branches. Here you see how it is going, and a Kanwil supervisor adds or repairs branches.</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Buka Kanwil</source>
        <translation>Open Kanwil</translation>
    </message>
    <message>
        <source>URL Kanwil (akun IT)</source>
        <translation>Kanwil URL (IT account)</translation>
    </message>
    <message>
        <source>Supervisor Kanwil</source>
        <translation>Kanwil supervisor</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Tutup Kanwil</source>
        <translation>Close Kanwil</translation>
    </message>
    <message>
        <source>Basis data ini adalah basis data Kanwil: semua cabang tampak di bawah.</source>
        <translation>This database is the Kanwil database: every branch is shown below.</translation>
    </message>
    <message>
        <source> Kanwil tertinggal {n} peristiwa.</source>
        <translation> The Kanwil is {n} events behind.</translation>
    </message>
    <message>
        <source>Perubahan terakhir yang sampai di Kanwil: {at}</source>
        <translation>Last change that reached the Kanwil: {at}</translation>
    </message>
    <message>
        <source>Pemeriksaan NIK regional terakhir: belum ada sejak Loket dibuka.</source>
        <translation>Last regional NIK check: none since Loket was opened.</translation>
    </message>
    <message>
        <source>Pemeriksaan NIK regional terakhir: {at}, berjalan.</source>
        <translation>Last regional NIK check: {at}, ran.</translation>
    </message>
    <message>
        <source>Pemeriksaan NIK regional terakhir: {at}, TIDAK berjalan (Kanwil tak terjangkau).</source>
        <translation>Last regional NIK check: {at}, did NOT run (Kanwil unreachable).</translation>
    </message>
    <message>
        <source>Tulis URL basis data Kanwil.</source>
        <translation>Enter the Kanwil database URL.</translation>
    </message>
    <message>
        <source>Tulis nama pengguna dan kata sandi supervisor Kanwil.</source>
        <translation>Enter the Kanwil supervisor&apos;s user name and password.</translation>
    </message>
    <message>
        <source>Menghubungi server Kanwil…</source>
        <translation>Contacting the Kanwil server…</translation>
    </message>
    <message>
        <source>Memeriksa kata sandi supervisor Kanwil…</source>
        <translation>Checking the Kanwil supervisor&apos;s password…</translation>
    </message>
    <message>
        <source>Menanyai Kanwil dan server tiap cabang…</source>
        <translation>Asking the Kanwil and every branch server…</translation>
    </message>
    <message>
        <source>Membuka Kanwil</source>
        <translation>Opening the Kanwil</translation>
    </message>
    <message>
        <source>Dibatalkan; Kanwil tidak dibuka.</source>
        <translation>Cancelled; the Kanwil was not opened.</translation>
    </message>
    <message>
        <source>Komputer ini tidak memegang kunci audit Kanwil, jadi Kanwil tidak dibuka dari sini (setiap masuk dicatat di jejak audit Kanwil). Buka dari komputer IT Kanwil, atau salin kunci audit Kanwil ke komputer ini.</source>
        <translation>This computer does not hold the Kanwil&apos;s audit key, so the Kanwil is not opened from here (every sign-in is recorded in the Kanwil&apos;s audit trail). Open it from the Kanwil&apos;s IT computer, or copy the Kanwil&apos;s audit key to this computer.</translation>
    </message>
    <message>
        <source>perbarui keadaan cabang ini / semua cabang Kanwil</source>
        <translation>refresh this branch&apos;s state / all of the Kanwil&apos;s branches</translation>
    </message>
    <message>
        <source>di daftar cabang Kanwil: perbaiki cabang yang dipilih</source>
        <translation>in the Kanwil&apos;s branch list: repair the selected branch</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <source>Buka peserta pertama</source>
        <translation>Open the first member</translation>
    </message>
    <message>
        <source>Tanda bukti penyandang dana…</source>
        <translation>Sponsor receipt…</translation>
    </message>
    <message>
        <source>Simpan laporan XLSX…</source>
        <translation>Save XLSX report…</translation>
    </message>
    <message>
        <source>Simpan laporan XLSX dengan nomor peserta setiap baris</source>
        <translation>Save XLSX report with every row&apos;s membership number</translation>
    </message>
    <message>
        <source>Ringkasan PDF…</source>
        <translation>PDF summary…</translation>
    </message>
    <message>
        <source>Tersimpan: {enrolled} peserta terdaftar</source>
        <translation>Saved: {enrolled} members enrolled</translation>
    </message>
    <message>
        <source>Nomor peserta {first} s.d. {last}</source>
        <translation>Membership numbers {first} to {last}</translation>
    </message>
    <message>
        <source>Nomor peserta {first}</source>
        <translation>Membership number {first}</translation>
    </message>
    <message>
        <source> · {rejected} baris ditolak, tidak disimpan</source>
        <translation> · {rejected} rows rejected, not saved</translation>
    </message>
    <message>
        <source>Batch impor #{batch_id} · mode {mode}{rejected}</source>
        <translation>Import batch #{batch_id} · mode {mode}{rejected}</translation>
    </message>
    <message>
        <source>Didanai {name}, {months}.</source>
        <translation>Funded by {name}, {months}.</translation>
    </message>
    <message>
        <source>Didanai {sponsor}: iuran {period} ({months}).
Tanda bukti penyandang dana {receipts} · {count} peserta · {total}</source>
        <translation>Funded by {sponsor}: contributions {period} ({months}).
Sponsor receipt {receipts} · {count} members · {total}</translation>
    </message>
    <message>
        <source>Tidak ada yang disimpan</source>
        <translation>Nothing was saved</translation>
    </message>
    <message>
        <source>Basis data tidak berubah.</source>
        <translation>The database did not change.</translation>
    </message>
    <message>
        <source>Mode semua atau tidak sama sekali: {rejected} baris ditolak, jadi tidak ada yang disimpan. Perbaiki baris tersebut lalu periksa ulang, atau kembali (Alt+←) dan pilih “Hanya baris yang lolos”.</source>
        <translation>All-or-nothing mode: {rejected} rows were rejected, so nothing was saved. Fix those rows and check again, or go back (Alt+←) and choose “Only the rows that passed”.</translation>
    </message>
    <message>
        <source>Impor ditolak; tidak ada yang disimpan.</source>
        <translation>Import refused; nothing was saved.</translation>
    </message>
    <message>
        <source> Tanda bukti penyandang dana tidak ditemukan.</source>
        <translation> The sponsor receipt was not found.</translation>
    </message>
    <message>
        <source> s.d. {last_receipt} (satu tanda bukti per 500 peserta)</source>
        <translation> to {last_receipt} (one receipt per 500 members)</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Cari Peserta</source>
        <translation>Find Member</translation>
    </message>
    <message>
        <source>Ketik NIK, nomor peserta, nomor HP atau nama — atau pindai kartu peserta. ↓ = pindah ke tabel · Enter = buka data peserta · Esc = kosongkan</source>
        <translation>Type a NIK, membership number, mobile number or name — or scan a membership card. ↓ = to the table · Enter = open the member record · Esc = clear</translation>
    </message>
    <message>
        <source>NIK, nomor peserta, nomor HP atau nama</source>
        <translation>NIK, membership number, mobile number or name</translation>
    </message>
    <message>
        <source>— semua provinsi —</source>
        <translation>— all provinces —</translation>
    </message>
    <message>
        <source>— semua —</source>
        <translation>— all —</translation>
    </message>
    <message>
        <source>Provinsi NIK/domisili</source>
        <translation>Province (NIK/residence)</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Tahun lahir</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <source>Hasil pencarian peserta</source>
        <translation>Member search results</translation>
    </message>
    <message>
        <source>Digabung → 000 0…</source>
        <translation>Merged → 000 0…</translation>
    </message>
    <message>
        <source>Enter atau klik ganda pada baris = buka data peserta (F4). ↑ dari baris pertama = kembali ke kotak.</source>
        <translation>Enter or double-click on a row = open the member record (F4). ↑ from the first row = back to the box.</translation>
    </message>
    <message>
        <source>Kartu peserta dipindai: {message}</source>
        <translation>Membership card scanned: {message}</translation>
    </message>
    <message>
        <source>Mencari…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Belum ada pencarian.</source>
        <translation>No search yet.</translation>
    </message>
    <message>
        <source>Tidak ada peserta yang cocok. Coba ejaan lain, atau hapus filter wilayah/tahun.</source>
        <translation>No member matches. Try another spelling, or clear the region/year filters.</translation>
    </message>
    <message>
        <source>Periksa kembali yang diketik (lihat keterangan di bawah kotak).</source>
        <translation>Check what was typed (see the note under the box).</translation>
    </message>
    <message>
        <source>Tidak ada peserta yang cocok.</source>
        <translation>No member matches.</translation>
    </message>
    <message>
        <source>1 peserta ditemukan</source>
        <translation>1 member found</translation>
    </message>
    <message>
        <source>{total} peserta ditemukan</source>
        <translation>{total} members found</translation>
    </message>
    <message>
        <source>{total} nomor yang hanya beda satu angka</source>
        <translation>{total} numbers that differ by only one digit</translation>
    </message>
    <message>
        <source>Lebih dari {available} peserta cocok; {available} yang paling mirip dapat dilihat. Tambahkan nama lain, wilayah atau tahun lahir untuk mempersempit</source>
        <translation>More than {available} members match; the {available} closest can be shown. Add another name, a region or a year of birth to narrow it down</translation>
    </message>
    <message>
        <source> · {shown} dimuat, gulir ke bawah untuk berikutnya</source>
        <translation> · {shown} loaded, scroll down for more</translation>
    </message>
    <message>
        <source>Pencarian gagal: {exc}</source>
        <translation>Search failed: {exc}</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Nomor peserta</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tgl lahir</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>Wilayah NIK</source>
        <translation>NIK region</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nomor yang dicari sudah digabung ke peserta ini.</source>
        <translation>The number searched for is merged into this member.</translation>
    </message>
    <message>
        <source>Nomor ini beda satu angka dari yang diketik.</source>
        <translation>This number differs by one digit from what was typed.</translation>
    </message>
    <message>
        <source>{status} (tujuan gabung)</source>
        <translation>{status} (merge target)</translation>
    </message>
</context>
<context>
    <name>SegmentTerms</name>
    <message>
        <source>— belum diketahui (kelas bawaan tabel) —</source>
        <translation>— not known (the table&apos;s default class) —</translation>
    </message>
    <message>
        <source>Melalui P3MI (perusahaan penempatan)</source>
        <translation>Through a P3MI (placement agency)</translation>
    </message>
    <message>
        <source>Perseorangan</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>TTTT-BB</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>— tanpa JHT —</source>
        <translation>— no JHT —</translation>
    </message>
    <message>
        <source>Kelas risiko JKK perusahaan (PU)</source>
        <translation>Company&apos;s JKK risk class (PU)</translation>
    </message>
    <message>
        <source>Dari sertifikat kepesertaan perusahaan</source>
        <translation>From the company&apos;s membership certificate</translation>
    </message>
    <message>
        <source>Lama kontrak kerja (bulan)</source>
        <translation>Contract length (months)</translation>
    </message>
    <message>
        <source>Bulan berangkat (TTTT-BB)</source>
        <translation>Departure month (YYYY-MM)</translation>
    </message>
    <message>
        <source>Jalur penempatan</source>
        <translation>Placement route</translation>
    </message>
    <message>
        <source>JHT per bulan (pilihan)</source>
        <translation>JHT per month (optional)</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>Hasil cetak Qt bukan PDF.</source>
        <translation>Qt&apos;s print output is not a PDF.</translation>
    </message>
    <message>
        <source>Terjemahan Qt (qtbase_en) tidak ada.</source>
        <translation>Qt&apos;s translations (qtbase_en) are missing.</translation>
    </message>
    <message>
        <source>Terjemahan Inggris Loket tidak termuat.</source>
        <translation>Loket&apos;s English translation did not load.</translation>
    </message>
    <message>
        <source>Terjemahan tidak dipakai: {text}</source>
        <translation>Translation not applied: {text}</translation>
    </message>
    <message>
        <source>Ikon SVG tidak dapat digambar (plugin SVG Qt hilang).</source>
        <translation>The SVG icon cannot be drawn (Qt&apos;s SVG plugin is missing).</translation>
    </message>
    <message>
        <source>Grafik dasbor tidak dapat digambar.</source>
        <translation>The dashboard chart cannot be drawn.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Cabang &amp;&amp; loket ini</source>
        <translation>Branch &amp;&amp; this counter</translation>
    </message>
    <message>
        <source>Printer kartu</source>
        <translation>Card printer</translation>
    </message>
    <message>
        <source>Tabel iuran</source>
        <translation>Rate tables</translation>
    </message>
    <message>
        <source>Hari libur</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>Belum terkonfirmasi</source>
        <translation>Unconfirmed</translation>
    </message>
    <message>
        <source>Jemput bola</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <source>Cadangan</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Basis data</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Kantor cabang (semua loket)</source>
        <translation>Branch office (all counters)</translation>
    </message>
    <message>
        <source>Kode cabang (awalan nomor, tetap)</source>
        <translation>Branch code (number prefix, fixed)</translation>
    </message>
    <message>
        <source>Nama kantor cabang</source>
        <translation>Branch office name</translation>
    </message>
    <message>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Simpan data cabang</source>
        <translation>Save branch details</translation>
    </message>
    <message>
        <source>Target cakupan</source>
        <translation>Coverage targets</translation>
    </message>
    <message>
        <source>Jumlah pekerja, cakupan awal dan target per kabupaten/kota wilayah cabang; Dasbor (F7) menunjukkan kemajuannya.</source>
        <translation>Workers, starting coverage and target for each regency/city of the branch&apos;s area; the Dashboard (F7) shows the progress.</translation>
    </message>
    <message>
        <source>Atur target cakupan…</source>
        <translation>Set coverage targets…</translation>
    </message>
    <message>
        <source>Komputer loket ini</source>
        <translation>This counter&apos;s computer</translation>
    </message>
    <message>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Nama loket (dicetak di tanda terima, dicatat di jejak audit)</source>
        <translation>Counter name (printed on receipts, recorded in the audit trail)</translation>
    </message>
    <message>
        <source>Kunci layar setelah tidak aktif</source>
        <translation>Lock the screen when idle for</translation>
    </message>
    <message>
        <source>Bahasa (berlaku setelah dibuka ulang)</source>
        <translation>Language (applies after reopening)</translation>
    </message>
    <message>
        <source>Simpan pengaturan loket</source>
        <translation>Save counter settings</translation>
    </message>
    <message>
        <source>Data cabang {code} {name} disimpan.</source>
        <translation>Branch details {code} {name} saved.</translation>
    </message>
    <message>
        <source>Pengaturan loket disimpan. Nama loket dan bahasa berlaku setelah Loket dibuka ulang.</source>
        <translation>Counter settings saved. The counter name and language apply after Loket is reopened.</translation>
    </message>
    <message>
        <source>Printer kartu dan penjajaran</source>
        <translation>Card printer and alignment</translation>
    </message>
    <message>
        <source>— tanyakan setiap mencetak —</source>
        <translation>— ask every time I print —</translation>
    </message>
    <message>
        <source>{card_printer} (tidak terpasang)</source>
        <translation>{card_printer} (not installed)</translation>
    </message>
    <message>
        <source>Geser X (mm, + ke kanan)</source>
        <translation>Shift X (mm, + to the right)</translation>
    </message>
    <message>
        <source>Geser Y (mm, + ke bawah)</source>
        <translation>Shift Y (mm, + downwards)</translation>
    </message>
    <message>
        <source>Pratinjau halaman uji penjajaran</source>
        <translation>Preview the alignment test page</translation>
    </message>
    <message>
        <source>Simpan printer</source>
        <translation>Save printer</translation>
    </message>
    <message>
        <source>Cetak halaman uji pada kartu kosong. Bingkai hijau harus tepat 2 mm dari setiap tepi; bila bergeser, isi X/Y lalu cetak lagi.</source>
        <translation>Print the test page on a blank card. The green frame must sit exactly 2 mm from every edge; if it is off, fill in X/Y and print again.</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Printer kartu dan penjajaran disimpan.</source>
        <translation>Card printer and alignment saved.</translation>
    </message>
    <message>
        <source>Cabang {code} {name}</source>
        <translation>Branch {code} {name}</translation>
    </message>
    <message>
        <source>Halaman uji penjajaran kartu</source>
        <translation>Card alignment test page</translation>
    </message>
    <message>
        <source>Tabel iuran yang berlaku, urut menurut tanggal mulai:</source>
        <translation>Rate tables in force, by start date:</translation>
    </message>
    <message>
        <source>berkas JSON tabel iuran</source>
        <translation>rate table JSON file</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>kata sandi Anda</source>
        <translation>your password</translation>
    </message>
    <message>
        <source>Kata sandi supervisor</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>Muat tabel baru</source>
        <translation>Load new table</translation>
    </message>
    <message>
        <source> — {unconfirmed} angka belum terkonfirmasi</source>
        <translation> — {unconfirmed} figures not yet confirmed</translation>
    </message>
    <message>
        <source>, dimuat {loaded_by}</source>
        <translation>, loaded by {loaded_by}</translation>
    </message>
    <message>
        <source>{effective_from}  {title} (versi {version}, {origin}{who}){flag}</source>
        <translation>{effective_from}  {title} (version {version}, {origin}{who}){flag}</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Berkas tabel tidak dapat dibaca: {exc}</source>
        <translation>The table file could not be read: {exc}</translation>
    </message>
    <message>
        <source>Tabel {version} dimuat; berlaku mulai {effective_from}.</source>
        <translation>Table {version} loaded; in force from {effective_from}.</translation>
    </message>
    <message>
        <source>Pilih folder…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>Simpan folder</source>
        <translation>Save folder</translation>
    </message>
    <message>
        <source>Folder cadangan (bukan folder sinkronisasi awan)</source>
        <translation>Backup folder (not a cloud-sync folder)</translation>
    </message>
    <message>
        <source>Cadangan yang ada (otomatis tiap hari, 14 terakhir disimpan):</source>
        <translation>Existing backups (automatic every day, the last 14 kept):</translation>
    </message>
    <message>
        <source>Cadangkan sekarang</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Pulihkan cadangan terpilih…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <source>{when}  {kind:&lt;11} {value:6.1f} MiB  {name}</source>
        <translation>{when}  {kind:&lt;11} {value:6.1f} MiB  {name}</translation>
    </message>
    <message>
        <source>Belum ada cadangan di folder ini. Cadangan otomatis dibuat saat petugas pertama masuk tiap hari.</source>
        <translation>No backup in this folder yet. The automatic backup is made when the first officer logs in each day.</translation>
    </message>
    <message>
        <source>Cadangan terakhir: {when} ({name})</source>
        <translation>Last backup: {when} ({name})</translation>
    </message>
    <message>
        <source>Folder cadangan</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Folder cadangan: {folder}. Berlaku setelah Loket dibuka ulang.</source>
        <translation>Backup folder: {folder}. Applies after Loket is reopened.</translation>
    </message>
    <message>
        <source>Cadangan dibuat: {path}</source>
        <translation>Backup made: {path}</translation>
    </message>
    <message>
        <source>Mencadangkan basis data…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>Pilih dulu cadangan di daftar.</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source> Basis data sebelumnya disimpan di {replaced_kept_at}.</source>
        <translation> The previous database is kept at {replaced_kept_at}.</translation>
    </message>
    <message>
        <source>Dipulihkan dari {name}.{kept} Tutup dan buka ulang Loket sekarang.</source>
        <translation>Restored from {name}.{kept} Close and reopen Loket now.</translation>
    </message>
    <message>
        <source>Memulihkan cadangan…</source>
        <translation>Restoring the backup…</translation>
    </message>
    <message>
        <source>Sekarang: {database_label}</source>
        <translation>Now: {database_label}</translation>
    </message>
    <message>
        <source>Basis data lokal di komputer ini (SQLite)</source>
        <translation>Local database on this computer (SQLite)</translation>
    </message>
    <message>
        <source>Server cabang (PostgreSQL), untuk beberapa loket bersama</source>
        <translation>Branch server (PostgreSQL), shared by several counters</translation>
    </message>
    <message>
        <source>postgresql+psycopg://loket@server-cabang/loket</source>
        <translation>postgresql+psycopg://loket@branch-server/loket</translation>
    </message>
    <message>
        <source>Alamat server basis data</source>
        <translation>Database server address</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Tes koneksi</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Simpan (berlaku setelah dibuka ulang)</source>
        <translation>Save (applies after reopening)</translation>
    </message>
    <message>
        <source>Tidak dapat dipakai: </source>
        <translation>Cannot be used: </translation>
    </message>
    <message>
        <source>Tersambung ke {label}. Basis data kosong: Loket akan menyiapkannya.</source>
        <translation>Connected to {label}. Empty database: Loket will set it up.</translation>
    </message>
    <message>
        <source>Tersambung ke {label}. Skema lama ({schema}): dicadangkan lalu diperbarui saat dibuka.</source>
        <translation>Connected to {label}. Old schema ({schema}): backed up, then upgraded when opened.</translation>
    </message>
    <message>
        <source>Tersambung ke {label}. Skema terbaru ({schema}).</source>
        <translation>Connected to {label}. Latest schema ({schema}).</translation>
    </message>
    <message>
        <source>Isi alamat server dulu.</source>
        <translation>Fill in the server address first.</translation>
    </message>
    <message>
        <source>Menguji koneksi…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>basis data lokal</source>
        <translation>local database</translation>
    </message>
    <message>
        <source>Disimpan: {target}. Tutup dan buka ulang Loket untuk berpindah.</source>
        <translation>Saved: {target}. Close and reopen Loket to switch.</translation>
    </message>
</context>
<context>
    <name>StartupController</name>
    <message>
        <source>Tidak dapat dipakai: </source>
        <translation>Cannot be used: </translation>
    </message>
    <message>
        <source>Tersambung ke {label}. Basis data kosong: Loket akan menyiapkannya.</source>
        <translation>Connected to {label}. Empty database: Loket will set it up.</translation>
    </message>
    <message>
        <source>Tersambung ke {label} (skema {schema}).</source>
        <translation>Connected to {label} (schema {schema}).</translation>
    </message>
    <message>
        <source>Menguji koneksi…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Basis data tidak dapat dibuka:
{message}</source>
        <translation>The database could not be opened:
{message}</translation>
    </message>
    <message>
        <source>Cabang {code} {name}
{database_label}</source>
        <translation>Branch {code} {name}
{database_label}</translation>
    </message>
    <message>
        <source>Gagal masuk.</source>
        <translation>Login failed.</translation>
    </message>
    <message>
        <source>Formulir pendaftaran {full_name} yang belum disimpan disimpan sementara; kembali saat ia masuk lagi.</source>
        <translation>{full_name}&apos;s unsaved enrolment form is kept for now; it comes back when they log in again.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Status peserta hari ini:</source>
        <translation>Member status today:</translation>
    </message>
    <message>
        <source>Menghitung status peserta</source>
        <translation>Working out member statuses</translation>
    </message>
    <message>
        <source>Hentikan</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>{pending} peserta belum dihitung</source>
        <translation>{pending} members not yet worked out</translation>
    </message>
</context>
<context>
    <name>SyncGate</name>
    <message>
        <source>Buat paket (Ctrl+E), bawa ke cabang, lalu impor balasannya (Ctrl+I).</source>
        <translation>Make a package (Ctrl+E), take it to the branch, then import its answer (Ctrl+I).</translation>
    </message>
    <message>
        <source>Di halaman Jemput Bola (Ctrl+J): buat paket, bawa ke cabang, lalu impor balasannya.</source>
        <translation>On the Outreach page (Ctrl+J): make a package, take it to the branch, then import its answer.</translation>
    </message>
    <message>
        <source>Laptop ini {days} hari belum sinkron dengan cabang {home} (terakhir {last}; batas {limit} hari): pendaftaran baru ditolak. {what} Pembayaran dan kartu tetap bisa.</source>
        <translation>This laptop has not synced with branch {home} for {days} days (last {last}; limit {limit} days): new enrolments are refused. {what} Payments and cards still work.</translation>
    </message>
    <message>
        <source>Laptop ini {days} hari belum sinkron dengan cabang {home} (terakhir {last}). {left} hari lagi pendaftaran baru ditolak: bawa paket ke cabang dan impor balasannya.</source>
        <translation>This laptop has not synced with branch {home} for {days} days (last {last}). In {left} days new enrolments will be refused: take a package to the branch and import its answer.</translation>
    </message>
    <message>
        <source>hari ini</source>
        <translation>today</translation>
    </message>
    <message>
        <source>{days} hari lalu</source>
        <translation>{days} days ago</translation>
    </message>
    <message>
        <source>sinkron terakhir</source>
        <translation>last synced</translation>
    </message>
    <message>
        <source>diatur</source>
        <translation>set up</translation>
    </message>
    <message>
        <source>Laptop jemput bola cabang {home}: {what} {last} ({ago}); peringatan setelah {warn} hari tanpa sinkron, pendaftaran ditolak setelah {limit} hari.</source>
        <translation>Outreach laptop of branch {home}: {what} {last} ({ago}); warns after {warn} days without a sync, refuses enrolments after {limit} days.</translation>
    </message>
    <message>
        <source>Buka Jemput Bola  (Ctrl+J)</source>
        <translation>Open Outreach  (Ctrl+J)</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Batalkan</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UnconfirmedTab</name>
    <message>
        <source>Angka dan aturan berikut dipakai Loket tetapi sumbernya belum terkonfirmasi oleh teks resmi. Angka ini tidak pernah dicetak pada kertas peserta. Periksa terhadap peraturan resmi, lalu muat tabel yang diperbaiki.</source>
        <translation>Loket uses these figures and rules, but their sources are not confirmed by an official text. They are never printed on a member&apos;s paper. Check them against the official regulations, then load a corrected table.</translation>
    </message>
    <message>
        <source>Bagian</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Angka / aturan</source>
        <translation>Figure / rule</translation>
    </message>
    <message>
        <source>Sumber dan catatan</source>
        <translation>Source and notes</translation>
    </message>
    <message>
        <source>Angka belum terkonfirmasi</source>
        <translation>Unconfirmed figures</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>QR tidak terbaca sebagai kartu</source>
        <translation>The QR does not read as a card</translation>
    </message>
    <message>
        <source>Kunci penerbit tidak dikenal</source>
        <translation>Unknown issuer key</translation>
    </message>
    <message>
        <source>Tanda tangan tidak cocok</source>
        <translation>The signature does not match</translation>
    </message>
    <message>
        <source>Kartu sudah dicabut</source>
        <translation>The card has been revoked</translation>
    </message>
    <message>
        <source>Masa berlaku habis</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Verifikasi Kartu</source>
        <translation>Verify Card</translation>
    </message>
    <message>
        <source>Arahkan pemindai ke QR di kartu, atau tempel teks QR lalu tekan Enter. Kolom kosong kembali setelah setiap pindaian, siap untuk kartu berikutnya.</source>
        <translation>Point the scanner at the QR on the card, or paste the QR text and press Enter. The field clears after every scan, ready for the next card.</translation>
    </message>
    <message>
        <source>Teks QR kartu</source>
        <translation>Card QR text</translation>
    </message>
    <message>
        <source>Pindai QR kartu di sini…</source>
        <translation>Scan the card QR here…</translation>
    </message>
    <message>
        <source>Periksa  (Enter)</source>
        <translation>Check  (Enter)</translation>
    </message>
    <message>
        <source>Belum ada kartu dipindai</source>
        <translation>No card scanned yet</translation>
    </message>
    <message>
        <source>Hasil pemeriksaan tanda tangan digital kartu tampil di sini.</source>
        <translation>The result of checking the card&apos;s digital signature appears here.</translation>
    </message>
    <message>
        <source>Nomor peserta</source>
        <translation>Membership number</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Program (di kartu)</source>
        <translation>Programmes (on the card)</translation>
    </message>
    <message>
        <source>Seri kartu</source>
        <translation>Card serial</translation>
    </message>
    <message>
        <source>Diterbitkan</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Penerbit</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Status peserta di sini</source>
        <translation>Member status here</translation>
    </message>
    <message>
        <source>Program saat ini</source>
        <translation>Current programmes</translation>
    </message>
    <message>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <source>Kartu yang berlaku</source>
        <translation>Valid card</translation>
    </message>
    <message>
        <source>Pindaian sesi ini</source>
        <translation>Scans this session</translation>
    </message>
    <message>
        <source>Riwayat pindaian sesi ini</source>
        <translation>Scan history of this session</translation>
    </message>
    <message>
        <source>Kunci cabang lain</source>
        <translation>Other branches&apos; keys</translation>
    </message>
    <message>
        <source>Kartu cabang lain sah di sini setelah kunci publik cabang itu diimpor (berkas dari &apos;loket keys export&apos;).</source>
        <translation>Another branch&apos;s cards are valid here once that branch&apos;s public key is imported (a file from &apos;loket keys export&apos;).</translation>
    </message>
    <message>
        <source>ID kunci</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <source>Cabang</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Impor kunci publik…</source>
        <translation>Import public key…</translation>
    </message>
    <message>
        <source>Hanya supervisor yang dapat mengimpor kunci.</source>
        <translation>Only a supervisor can import keys.</translation>
    </message>
    <message>
        <source>Impor kunci publik… (supervisor)</source>
        <translation>Import public key… (supervisor)</translation>
    </message>
    <message>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Tidak dapat diperiksa</source>
        <translation>Cannot be checked</translation>
    </message>
    <message>
        <source>Pemeriksaan gagal; pindai ulang.</source>
        <translation>The check failed; scan again.</translation>
    </message>
    <message>
        <source>✔  KARTU SAH</source>
        <translation>✔  VALID CARD</translation>
    </message>
    <message>
        <source>✖  TIDAK SAH</source>
        <translation>✖  NOT VALID</translation>
    </message>
    <message>
        <source>kunci {key_id}</source>
        <translation>key {key_id}</translation>
    </message>
    <message>
        <source> · seri ini tidak tercatat di sini (kartu cabang lain)</source>
        <translation> · this serial is not recorded here (another branch&apos;s card)</translation>
    </message>
    <message>
        <source>belum ada kartu berlaku</source>
        <translation>no valid card yet</translation>
    </message>
    <message>
        <source>TIDAK SAH</source>
        <translation>NOT VALID</translation>
    </message>
    <message>
        <source>dipakai loket ini</source>
        <translation>used by this counter</translation>
    </message>
    <message>
        <source>pensiun (tetap memverifikasi)</source>
        <translation>retired (still verifies)</translation>
    </message>
    <message>
        <source>cabang ini</source>
        <translation>this branch</translation>
    </message>
    <message>
        <source>diimpor</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>Impor kunci publik cabang lain</source>
        <translation>Import another branch&apos;s public key</translation>
    </message>
    <message>
        <source>Kunci Loket (*.json);;Semua berkas (*)</source>
        <translation>Loket keys (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibaca sebagai ekspor kunci (JSON).</source>
        <translation>The file cannot be read as a key export (JSON).</translation>
    </message>
    <message>
        <source>Kunci dipercaya: {names}.</source>
        <translation>Keys trusted: {names}.</translation>
    </message>
    <message>
        <source>Kunci di berkas ini sudah dipercaya sebelumnya.</source>
        <translation>The keys in this file were already trusted.</translation>
    </message>
    <message>
        <source>Impor kunci gagal.</source>
        <translation>Key import failed.</translation>
    </message>
</context>
<context>
    <name>_Decision</name>
    <message>
        <source>Kata sandi {username}</source>
        <translation>Password of {username}</translation>
    </message>
    <message>
        <source>Alasan penolakan</source>
        <translation>Reason for rejecting</translation>
    </message>
    <message>
        <source>&amp;Tolak</source>
        <translation>&amp;Reject</translation>
    </message>
</context>
<context>
    <name>_PeriodCard</name>
    <message>
        <source>1 pendaftaran</source>
        <translation>1 enrolment</translation>
    </message>
    <message>
        <source>{enrolments} pendaftaran</source>
        <translation>{enrolments} enrolments</translation>
    </message>
    <message>
        <source>Iuran {amount} · 1 tanda bukti</source>
        <translation>Contributions {amount} · 1 receipt</translation>
    </message>
    <message>
        <source>Iuran {amount} · {payments} tanda bukti</source>
        <translation>Contributions {amount} · {payments} receipts</translation>
    </message>
</context>
</TS>
