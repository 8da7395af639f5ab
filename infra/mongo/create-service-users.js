// Run once by the mongo image's entrypoint (docker-compose.yml, production), on the first start of an empty data
// volume, as the root user: each service gets its own user with readWrite on its own database and nothing else.
// The passwords come from the container's environment (.env); they are never written here.
const services = [
  { user: 'application-service', db: 'satupintu-applications', password: process.env.MONGO_APPLICATION_SERVICE_PASSWORD },
  { user: 'document-service', db: 'satupintu-documents', password: process.env.MONGO_DOCUMENT_SERVICE_PASSWORD },
  { user: 'notification-service', db: 'satupintu-notifications', password: process.env.MONGO_NOTIFICATION_SERVICE_PASSWORD },
];
for (const s of services) {
  if (!s.password) throw new Error(`no password for ${s.user}`);
  db.getSiblingDB(s.db).createUser({ user: s.user, pwd: s.password, roles: [{ role: 'readWrite', db: s.db }] });
  print(`created user ${s.user} on ${s.db}`);
}
